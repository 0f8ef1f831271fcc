"""What importing objex costs a program that forks, and spawn_dump's pause, with
many threads in deep stacks: this collector against a baseline revision's, run
in the same command (fresh interpreters, interleaved, medians).

    python bench/collector/bench_fork.py                          # baseline a4db059
    python bench/collector/bench_fork.py --threads 200 --repeat 5 --baseline REV

Columns: the program's own os.fork() (the child exits at once) with objex
imported, and spawn_dump's pause (capture + fork, until it returns to the caller).
The baseline is the python/ folder of REV (git archive), so it needs a git checkout.
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

_PROBE = r"""
import json, os, sys, threading, time, warnings
warnings.simplefilter("ignore", DeprecationWarning)
import objex
n, forks, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ready, release = threading.Barrier(n + 1), threading.Event()
def dive(depth):
    if depth:
        return dive(depth - 1)
    cargo = [depth] * 10
    ready.wait()
    release.wait()
threads = [threading.Thread(target=dive, args=(20,), daemon=True) for _ in range(n)]
for t in threads:
    t.start()
ready.wait()
fork_ms = []
for _ in range(forks):
    t0 = time.perf_counter()
    pid = os.fork()
    if not pid:
        os._exit(0)
    fork_ms.append((time.perf_counter() - t0) * 1000)
    os.waitpid(pid, 0)
t0 = time.perf_counter()
pid = objex.spawn_dump(path)
pause = (time.perf_counter() - t0) * 1000
objex.wait_dump(pid)
release.set()
print(json.dumps({"fork_ms": sorted(fork_ms)[len(fork_ms) // 2], "pause_ms": pause}))
"""


def _measure(python_dir, threads, forks, tmp, tag):
    path = os.path.join(tmp, "%s.db" % tag)
    if os.path.exists(path):
        os.remove(path)
    env = dict(os.environ, PYTHONPATH=python_dir)
    out = subprocess.run([sys.executable, "-c", _PROBE, str(threads), str(forks), path],
                         check=True, stdout=subprocess.PIPE, env=env, universal_newlines=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _baseline_dir(rev, tmp):
    target = os.path.join(tmp, "baseline")
    os.makedirs(target)
    archive = subprocess.run(["git", "-C", REPO, "archive", rev, "python"], check=True,
                             stdout=subprocess.PIPE).stdout
    subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)
    return os.path.join(target, "python")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=200)
    ap.add_argument("--forks", type=int, default=21, help="forks per run (median taken)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", default="a4db059", help="git revision to compare with")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="objex-bench-fork-") as tmp:
        dirs = {"this": os.path.join(REPO, "python"), "baseline": _baseline_dir(args.baseline, tmp)}
        runs = {k: [] for k in dirs}
        for i in range(args.repeat):
            for tag, d in dirs.items():
                runs[tag].append(_measure(d, args.threads, args.forks, tmp, "%s-%d" % (tag, i)))
        med = {tag: {k: statistics.median(r[k] for r in rs) for k in ("fork_ms", "pause_ms")}
               for tag, rs in runs.items()}
    print("Python %s, %d threads 21 frames deep, %d repetitions (medians)"
          % (sys.version.split()[0], args.threads, args.repeat))
    print("%-22s %12s %18s" % ("", "os.fork() ms", "spawn_dump pause ms"))
    for tag in ("baseline", "this"):
        label = tag if tag == "this" else "baseline %s" % args.baseline
        print("%-22s %12.2f %18.2f" % (label, med[tag]["fork_ms"], med[tag]["pause_ms"]))
    print("%-22s %11.2fx %17.2fx" % ("this / baseline", med["this"]["fork_ms"] / med["baseline"]["fork_ms"],
                                       med["this"]["pause_ms"] / med["baseline"]["pause_ms"]))


if __name__ == "__main__":
    main()
