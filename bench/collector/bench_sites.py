"""What allocation sites cost: dump a heap of N gc objects in a fresh interpreter
with tracemalloc off and on (tracemalloc.start(FRAMES) before the heap is built),
interleaved, and print the medians: dump_graph's wall time, the sites pass alone
(_sites.sites_of over every recorded object, timed in the same process after the
dump, over gc.get_objects()), the sites and object_site rows, and the dump file size.

    python3 bench/collector/bench_sites.py                  # 1,000,000 gc objects, 1 frame
    python3 bench/collector/bench_sites.py --objects 1000000 --frames 5 --repeat 3
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

CHILD = r"""
import gc, json, os, sys, time, tracemalloc
n, frames, path, spawn = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
if frames:
    tracemalloc.start(frames)
import objex
from objex import _sites

class Record(object):
    __slots__ = ("key", "tags")
    def __init__(self, key):
        self.key = key
        self.tags = [key]

def build(n):
    return {i: Record(i) for i in range(n // 2)}
HEAP = build(n)
started = time.perf_counter()
if spawn:
    objex.wait_dump(objex.spawn_dump(path))
else:
    objex.dump_graph(path)
dump = time.perf_counter() - started
objs = gc.get_objects()
started = time.perf_counter()
found = _sites.sites_of(objs)
alone = time.perf_counter() - started
print(json.dumps({"dump_s": dump, "sites_pass_s": alone if found is not None else 0.0}))
"""


def run(n, frames, directory, spawn):
    path = os.path.join(directory, "dump-%d.db" % frames)
    if os.path.exists(path):
        os.unlink(path)
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "python"))
    out = subprocess.run([sys.executable, "-c", CHILD, str(n), str(frames), path, "1" if spawn else "0"], env=env, check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    db = sqlite3.connect(path)
    result["objects"] = db.execute("SELECT count(*) FROM object").fetchone()[0]
    result["sites"] = db.execute("SELECT count(*) FROM site").fetchone()[0]
    result["object_sites"] = db.execute("SELECT count(*) FROM object_site").fetchone()[0]
    db.close()
    result["file_mib"] = os.path.getsize(path) / 1048576.0
    return result


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=1000000)
    parser.add_argument("--frames", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spawn", action="store_true", help="dump with spawn_dump (a forked child)")
    args = parser.parse_args(argv)
    runs = {0: [], args.frames: []}
    with tempfile.TemporaryDirectory(prefix="objex-sites-") as tmp:
        for _ in range(args.repeat):
            for frames in (0, args.frames):
                runs[frames].append(run(args.objects, frames, tmp, args.spawn))
    print("Python %s, %d gc objects, tracemalloc %d frame(s), %d repetitions, %s, load %.1f"
          % (sys.version.split()[0], args.objects, args.frames, args.repeat,
             "spawn_dump" if args.spawn else "dump_graph", os.getloadavg()[0]))
    for frames, results in sorted(runs.items()):
        med = {k: statistics.median(r[k] for r in results) for k in results[0]}
        print("  tracemalloc %-3s: dump %.2f s, sites pass %.2f s, %d objects, %d sites, %d with a site, %.0f MiB"
              % ("off" if not frames else "on", med["dump_s"], med["sites_pass_s"], med["objects"],
                 med["sites"], med["object_sites"], med["file_mib"]))
    off = statistics.median(r["dump_s"] for r in runs[0])
    on = statistics.median(r["dump_s"] for r in runs[args.frames])
    print("  dump with tracemalloc on / off: %.2fx" % (on / off))


if __name__ == "__main__":
    main(sys.argv[1:])
