"""A/B of two collector checkouts on the benchmark heap: dumps alternate between
them (ABBA...) so a change in the machine's speed hits both alike; prints the
medians of each and the median ratio of B's dump time to A's in the same pair.

    git worktree add /tmp/base HEAD~1
    python3 bench/collector/compare_trees.py /tmp/base . --repeat 6

On this machine one dump's time moves by ±30% from run to run: a change smaller
than ~5% needs a dozen pairs to show.
"""

import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_collector import run_once  # noqa: E402

FIGURES = (("seconds", "dump s"), ("cpu_seconds", "cpu s"), ("writer_cpu_seconds", "writer s"),
           ("writer_idle_seconds", "idle s"), ("rss_growth_mib", "RSS +MiB"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", help="checkout A (the directory holding python/objex)")
    ap.add_argument("b", help="checkout B")
    ap.add_argument("--gc-objects", type=int, default=1000000)
    ap.add_argument("--repeat", type=int, default=6, help="pairs")
    args = ap.parse_args()
    trees = [os.path.abspath(args.a), os.path.abspath(args.b)]
    for t in trees:
        if not os.path.isdir(os.path.join(t, "python", "objex")):
            raise SystemExit("compare_trees: %s has no python/objex" % t)
    runs = {t: [] for t in trees}
    for r in range(args.repeat):
        for t in (trees if r % 2 == 0 else trees[::-1]):
            runs[t].append(run_once(args.gc_objects, "dump", repo=t))
    print("%-40s " % "checkout" + " ".join("%9s" % label for _, label in FIGURES))
    for t in trees:
        print("%-40s " % t[-40:] + " ".join("%9.2f" % statistics.median(x[k] for x in runs[t])
                                           for k, _ in FIGURES))
    ratios = [b["seconds"] / a["seconds"] for a, b in zip(runs[trees[0]], runs[trees[1]])]
    print("B/A dump time, median of %d pairs: %.3f (pairs: %s)" % (
        len(ratios), statistics.median(ratios), ", ".join("%.2f" % x for x in ratios)))


if __name__ == "__main__":
    main()
