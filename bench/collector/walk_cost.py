"""What the in-process walk costs, counted rather than timed: the benchmark heap
(bench_collector.py's) dumped under valgrind's cachegrind, for one or more
collector checkouts, minus the same heap built without a dump. Prints the
instructions, L1 and last-level data-cache misses of the dumping process (the
SQLite writer is a separate process and not counted), an estimate of its cycles
(instructions + 10 per L1 miss + 100 per last-level miss: rough, stated so the
parts can be read on their own) and each checkout's ratio to the first.

    python3 bench/collector/walk_cost.py OLD_CHECKOUT . --gc-objects 400000

Wall-clock A/B runs on this shared 2-core machine move by ±30% from run to run
(docs/benchmarks.md); these counts are the same on every run, so a change of a few
percent shows in one run. They are not time: a miss the processor overlaps with
other work costs less than the estimate says. Needs valgrind (apt-get install valgrind).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_collector import CHILD  # noqa: E402

# the last-level cache cachegrind simulates: this machine reports its L3 as 512 MiB (the
# host's), which would hide every miss of a 200 MiB heap; 32 MiB, 16-way, is a server's
LAST_LEVEL = "--LL=33554432,16,64"
COUNTS = (("I   refs", "instructions"), ("D1  misses", "L1 misses"), ("LLd misses", "LL misses"))


def counted(tree, gc_objects, mode):
    """cachegrind's totals for one run of the benchmark child."""
    with tempfile.TemporaryDirectory() as out_dir:
        p = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=yes", LAST_LEVEL,
                            "--trace-children=no", "--cachegrind-out-file=/dev/null",
                            sys.executable, "-c", CHILD, tree, str(gc_objects), out_dir, mode],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-2000:])
        raise SystemExit("walk_cost: the %s run of %s failed (exit %d)" % (mode, tree, p.returncode))
    totals = {}
    for marker, name in COUNTS:
        m = re.search(re.escape(marker) + r":\s+([\d,]+)", p.stderr)
        if m is None:
            raise SystemExit("walk_cost: no %r in cachegrind's summary" % marker)
        totals[name] = int(m.group(1).replace(",", ""))
    return totals


def estimate(c):
    return c["instructions"] + 10 * c["L1 misses"] + 100 * c["LL misses"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trees", nargs="+", help="checkouts (directories holding python/objex); the first is the baseline")
    ap.add_argument("--gc-objects", type=int, default=400000)
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("walk_cost: valgrind is not installed (apt-get install valgrind)")
    trees = [os.path.abspath(t) for t in args.trees]
    for t in trees:
        if not os.path.isdir(os.path.join(t, "python", "objex")):
            raise SystemExit("walk_cost: %s has no python/objex" % t)
    print("objex walk cost under cachegrind, Python %s, %d gc objects, the heap alone subtracted"
          % (sys.version.split()[0], args.gc_objects))
    heap = counted(trees[0], args.gc_objects, "heap")
    print("%-36s %14s %12s %12s %14s %8s" % ("checkout", "instructions", "L1 misses", "LL misses",
                                           "est. cycles", "ratio"))
    first = None
    for t in trees:
        c = counted(t, args.gc_objects, "dump")
        c = {k: c[k] - heap[k] for k in c}
        est = estimate(c)
        first = first or est
        print("%-36s %14s %12s %12s %14s %7.3fx" % (t[-36:], "{:,}".format(c["instructions"]),
              "{:,}".format(c["L1 misses"]), "{:,}".format(c["LL misses"]), "{:,}".format(est), est / first),
              flush=True)


if __name__ == "__main__":
    main()
