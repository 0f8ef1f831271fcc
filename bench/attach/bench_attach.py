"""How long `objex attach` stalls a running service, and what it adds to the dump.

    python3 bench/attach/bench_attach.py [--objects 1000000] [--repeat 3] [--pythons 3.8,3.13]

For each CPython: a target with N gc objects (no objex import) whose main thread ticks
every millisecond and records its longest gap between ticks (the stall a request
would see). Each repetition attaches once and reads that worst gap, then, as the
baseline in the same run, makes the target dump itself with objex.spawn_dump (no gdb,
no import: the collector already loaded) and reads that gap too. Prints medians: the
stall with attach, the stall with a plain spawn_dump, attach's wall time and the dump's
own time (from the dump's meta), and the difference (what attaching adds).
"""
import argparse
import glob
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TARGET = r'''
import gc, json, os, sys, time
N = int(sys.argv[2])
class Payload(object):
    def __init__(self, i):
        self.i = i
        self.tags = [i]
HEAP = [Payload(i) for i in range(N // 2)]
ctl = sys.argv[1]
worst, last = 0.0, time.perf_counter()
open(ctl + ".ready", "w").close()
while not os.path.exists(ctl + ".stop"):
    time.sleep(0.001)
    now = time.perf_counter()
    worst, last = max(worst, now - last), now
    if os.path.exists(ctl + ".ask"):
        os.remove(ctl + ".ask")
        with open(ctl + ".gap.tmp", "w") as f:
            f.write(str(worst))
        os.rename(ctl + ".gap.tmp", ctl + ".gap")
        worst = 0.0
    if os.path.exists(ctl + ".spawn"):
        os.remove(ctl + ".spawn")
        sys.path.insert(0, os.path.join(os.environ["OBJEX_REPO"], "python"))
        import objex                     # (already loaded by the attach before: no import cost)
        start = time.perf_counter()
        pid = objex.spawn_dump(open(ctl + ".spawn_path").read())
        worst = max(worst, time.perf_counter() - start)
        objex.wait_dump(pid)
        last = time.perf_counter()       # waiting for the child is the benchmark's, not a stall
'''


def python_for(minor):
    found = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/%s.*/bin/python%s" % (minor, minor))))
    return found[-1] if found else None


def wait_for(path, timeout=600):
    deadline = time.time() + timeout
    while not os.path.exists(path):
        if time.time() > deadline:
            raise RuntimeError("timed out waiting for " + path)
        time.sleep(0.01)


def worst_gap(ctl):
    open(ctl + ".ask", "w").close()
    wait_for(ctl + ".gap")
    with open(ctl + ".gap") as f:
        gap = float(f.read())
    os.remove(ctl + ".gap")
    return gap


def dump_seconds(path):
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT duration_s FROM meta").fetchone()[0]
    finally:
        db.close()


def measure(python, objects, repeat, objex_cli):
    tmp = tempfile.mkdtemp(prefix="objex-bench-attach-")
    ctl = os.path.join(tmp, "ctl")
    script = os.path.join(tmp, "target.py")
    with open(script, "w") as f:
        f.write(TARGET)
    env = dict(os.environ, OBJEX_REPO=REPO)
    target = subprocess.Popen([python, script, ctl, str(objects)], env=env)
    try:
        wait_for(ctl + ".ready")
        time.sleep(0.5)
        worst_gap(ctl)                                  # reset after start-up
        rows = []
        for r in range(repeat):
            path = os.path.join(tmp, "attach-%d.db" % r)
            start = time.perf_counter()
            subprocess.run(objex_cli + ["attach", str(target.pid), path], check=True,
                           stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            attach_gap = worst_gap(ctl)
            spawn_path = os.path.join(tmp, "spawn-%d.db" % r)
            with open(ctl + ".spawn_path", "w") as f:
                f.write(spawn_path)
            open(ctl + ".spawn", "w").close()
            wait_for(spawn_path)
            time.sleep(0.2)
            spawn_gap = worst_gap(ctl)
            rows.append((attach_gap, spawn_gap, wall, dump_seconds(path)))
            os.remove(path)
            os.remove(spawn_path)
        return rows
    finally:
        open(ctl + ".stop", "w").close()
        target.wait()
        subprocess.run(["rm", "-rf", tmp])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--objects", type=int, default=1000000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pythons", default="3.8,3.13")
    args = ap.parse_args()
    cli = [os.path.join(REPO, "objex")]
    subprocess.run(cli + ["--help"], stdout=subprocess.DEVNULL, check=True)     # build first
    print("objex attach on a target with %d gc objects, %d repetitions, medians" % (args.objects, args.repeat))
    print("%-7s %16s %16s %12s %12s %12s" % ("python", "stall attach", "stall spawn", "attach wall",
                                           "dump itself", "attach adds"))
    for minor in args.pythons.split(","):
        python = python_for(minor)
        if python is None:
            print("%-7s not installed" % minor)
            continue
        rows = measure(python, args.objects, args.repeat, cli)
        a, s, w, d = (statistics.median(c) for c in zip(*rows))
        print("%-7s %14.0f ms %14.0f ms %10.2f s %10.2f s %10.2f s" % (minor, a * 1000, s * 1000, w, d, w - d))
    print("goal: stall <= 500 ms, attach adds <= 2 s")


if __name__ == "__main__":
    main()
