"""Many clients at once against `objex web` (issue 19: on a 600,000-node linked list, 50 clients once got 40
timeouts in 20 s). Starts `objex web ANALYSIS --port 0`, then CLIENTS threads request, for SECONDS, endpoints drawn
at random (object pages, paths, dominator chains, the treemap, top lists) on objects drawn at random, and prints
each endpoint's p50/p95/max, the requests per second and the timeouts (no answer within --timeout).

    python3 bench/web/concurrent_clients.py /tmp/objex-bench/deep-chain.analysis.db [--clients 50] [--seconds 20]

(bench/deep_chain.sh makes that analysis.) Standard library only.
"""

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ENDPOINTS = [
    ("objects/ID", "api/objects/{id}"),
    ("objects/ID/in", "api/objects/{id}/in?limit=50"),
    ("objects/ID/paths?from=modules", "api/objects/{id}/paths?from=modules"),
    ("objects/ID/paths/steps", "api/objects/{id}/paths/steps?offset=12&limit=200"),
    ("objects/ID/retained", "api/objects/{id}/retained?limit=20"),
    ("objects/ID/retained/chain", "api/objects/{id}/retained/chain?offset=25&limit=200"),
    ("dominators/ID", "api/dominators/{id}?limit=60"),
    ("dominators/root", "api/dominators/root?limit=60"),
    ("top?by=retained", "api/top?by=retained&limit=15"),
]


def start_server(analysis):
    proc = subprocess.Popen([os.path.join(REPO, "objex"), "web", analysis, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    deadline = time.time() + 300
    for line in proc.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if m:
            return proc, "http://127.0.0.1:%s/" % m.group(1)
        if time.time() > deadline:
            break
    proc.kill()
    sys.exit("objex web did not say where it listens")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("analysis")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--timeout", type=float, default=10)
    args = ap.parse_args()
    proc, base = start_server(args.analysis)
    try:
        with urllib.request.urlopen(base + "api/summary", timeout=60) as r:
            objects = json.load(r)["objectCount"]
        times = {name: [] for name, _ in ENDPOINTS}
        failures = {"timeout": 0, "error": 0}
        lock = threading.Lock()
        stop = time.time() + args.seconds
        load_before = os.getloadavg()

        def client(seed):
            rnd = random.Random(seed)
            while time.time() < stop:
                name, url = rnd.choice(ENDPOINTS)
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + url.format(id=rnd.randrange(objects)), timeout=args.timeout) as r:
                        r.read()
                    outcome = None
                except urllib.error.HTTPError:
                    outcome = None          # a 400 (no module reaches it) is an answer
                except (socket.timeout, TimeoutError):
                    outcome = "timeout"
                except (urllib.error.URLError, OSError):
                    outcome = "error"
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    if outcome:
                        failures[outcome] += 1
                    else:
                        times[name].append(elapsed)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = sum(len(v) for v in times.values())
        print("objex web, %d clients for %.0f s on %s (%d objects); load average %.1f before, %.1f after"
              % (args.clients, args.seconds, os.path.basename(args.analysis), objects, load_before[0], os.getloadavg()[0]))
        print("  %-32s %8s %8s %8s %8s" % ("endpoint", "answers", "p50 ms", "p95 ms", "max ms"))
        for name, _ in ENDPOINTS:
            v = sorted(times[name])
            if v:
                print("  %-32s %8d %8.1f %8.1f %8.1f" % (name, len(v), statistics.median(v), v[int(0.95 * (len(v) - 1))], v[-1]))
        print("  %d answers (%.0f per second), %d timeouts (> %.0f s), %d connection errors"
              % (total, total / args.seconds, failures["timeout"], args.timeout, failures["error"]))
    finally:
        proc.kill()
        proc.wait()


if __name__ == "__main__":
    main()
