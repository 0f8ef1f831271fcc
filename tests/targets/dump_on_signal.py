"""Shape: a program that opts in with one line, objex.dump_on_signal(SIGUSR2, DIR).

    python dump_on_signal.py DIR
    <module __main__> --.KEPT--> list --[0..499]--> Kept

It sends itself SIGUSR2 twice, waits for both dumps, and prints one JSON line: the files,
whether it has a child left to reap, and that its own code went on between the signals.
"""
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import objex  # noqa: E402


class Kept(object):
    pass


KEPT = [Kept() for _ in range(500)]
directory = sys.argv[1]
objex.dump_on_signal(signal.SIGUSR2, directory)
steps = []
for n in (1, 2):
    os.kill(os.getpid(), signal.SIGUSR2)
    steps.append(n)                    # the program goes on at once
    path = os.path.join(directory, "objex-%d-%d.db" % (os.getpid(), n))
    deadline = time.time() + 120
    while not os.path.exists(path) and time.time() < deadline:
        time.sleep(0.05)
try:
    os.waitpid(-1, os.WNOHANG)
    child_left = True
except ChildProcessError:
    child_left = False
print(json.dumps({"files": sorted(os.listdir(directory)), "pid": os.getpid(),
                  "child_left": child_left, "steps": steps}))
