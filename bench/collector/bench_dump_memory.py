"""What a dump costs in memory: spawn_dump of a heap of N gc objects, with the
forked child's and its SQLite writer's private memory sampled while it runs.

    python bench/collector/bench_dump_memory.py                  # 1,000,000 gc objects
    python bench/collector/bench_dump_memory.py --sizes 1000000,3000000 --repeat 1

Each run is a fresh interpreter (this same Python) that builds the benchmark's
heap (bench_collector.py's Item: an instance, a list, a dict and a tuple each),
reads its own anonymous memory (smaps_rollup ``Anonymous``), calls spawn_dump and
samples, every 20 ms until the child exits, ``Private_Dirty`` of the child (the
pages copy-on-write gave it as the walk touched objects, and the collector's own
maps) and of the writer (the child's child). The peak of their sum is the extra
memory a dump takes from the machine; the ratio is that over the target's
anonymous memory (issue 16's goal: 1.3x at 1 M and 3 M objects).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

CHILD = r"""
import gc, json, os, sys, time
sys.path.insert(0, os.path.join(sys.argv[1], "python"))
import objex
from objex._budget import private_dirty

class Item(object):
    def __init__(self, i):
        self.name = "item-%d" % i
        self.tags = ["t%d" % (i % 97), "u%d" % (i % 89)]
        self.props = {"a": i, "b": i * 0.5, "tags": self.tags}
        self.pair = (self.name, self.tags)

heap = [Item(i) for i in range(int(sys.argv[2]) // 4)]
gc.collect()

def field(pid, name):
    with open("/proc/%s/smaps_rollup" % pid, "rb") as f:
        for line in f:
            if line.startswith(name + b":"):
                return int(line.split()[1]) * 1024
    return 0

def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []

anon = field("self", b"Anonymous")
t0 = time.perf_counter()
pid = objex.spawn_dump(os.path.join(sys.argv[3], "dump.db"))
peak = {"child": 0, "writer": 0, "sum": 0}
writer = None
while True:
    done, _ = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    child = private_dirty(pid) or 0
    if writer is None:
        kids = children(pid)
        writer = kids[0] if kids else None
    w = (private_dirty(writer) or 0) if writer is not None else 0
    peak["child"] = max(peak["child"], child)
    peak["writer"] = max(peak["writer"], w)
    peak["sum"] = max(peak["sum"], child + w)
    time.sleep(0.02)
seconds = time.perf_counter() - t0
import sqlite3
objects = sqlite3.connect(os.path.join(sys.argv[3], "dump.db")).execute("SELECT object_count FROM meta").fetchone()[0]
print(json.dumps({"anon": anon, "seconds": seconds, "objects": objects, **{"peak_" + k: v for k, v in peak.items()}}))
"""


def run_once(n_gc):
    with tempfile.TemporaryDirectory() as out_dir:
        p = subprocess.run([sys.executable, "-c", CHILD, REPO, str(n_gc), out_dir],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            raise SystemExit("benchmark child failed (exit %d)" % p.returncode)
        return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000", help="comma-separated gc-object counts")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    MiB = 1048576.0
    print("objex dump memory benchmark, Python %s, %d repeat(s), medians; load average %.1f on %d cores" % (
        sys.version.split()[0], args.repeat, os.getloadavg()[0], os.cpu_count() or 0))
    print("%-10s %10s %10s %10s %10s %10s %7s %8s" % (
        "gc objs", "objects", "anon MiB", "child MiB", "writer MiB", "peak MiB", "ratio", "dump s"))
    for n in (int(s) for s in args.sizes.split(",")):
        runs = [run_once(n) for _ in range(args.repeat)]
        med = lambda k: statistics.median(r[k] for r in runs)
        print("%-10d %10d %10.1f %10.1f %10.1f %10.1f %7.2f %8.2f" % (
            n, med("objects"), med("anon") / MiB, med("peak_child") / MiB, med("peak_writer") / MiB,
            med("peak_sum") / MiB, statistics.median(r["peak_sum"] / r["anon"] for r in runs), med("seconds")))
    print("peak: the largest sum of the child's and the writer's Private_Dirty seen in one sample;"
          " ratio: that over the target's anonymous memory (goal <= 1.3)")


if __name__ == "__main__":
    main()
