"""Shape: three worker threads blocked in deep stacks, dumped from a forked child
(after fork only the forking thread exists in the child; the stacks spawn_dump
captures in the parent keep the others dumpable; a plain os.fork captures nothing).

    thread "worker-0" --> <frame dive n=0> --.f_back--> ... (30 dive frames)
                          <frame dive n=0> --.locals['cargo']--> Cargo
    thread "worker-1" --> ... 31 dive frames ...   thread "worker-2" --> ... 32 ...
    LOOSE (Loose) --.ext--> Marker     (an attribute no method of Loose sets)

    python fork_threads.py <dump-path> [spawn|osfork]
      spawn:  objex.spawn_dump(path); objex.wait_dump(pid)
      osfork: the README's snippet: if not os.fork(): objex.dump_graph(path)
"""
import json
import os
import sys
import threading

import _target  # (also puts the repo's python/ on sys.path)
import objex


class Cargo(object):
    pass


class Loose(object):
    pass


class Marker(object):
    pass


LOOSE = Loose()
LOOSE.ext = Marker()
ready = threading.Barrier(4)
release = threading.Event()
CARGO = {}


def dive(n, name):
    if n:
        return dive(n - 1, name)
    cargo = Cargo()
    CARGO[name] = id(cargo)
    ready.wait()
    release.wait()


threads = [threading.Thread(target=dive, args=(30 + i, "worker-%d" % i), name="worker-%d" % i, daemon=True)
           for i in range(3)]
for t in threads:
    t.start()
ready.wait()

path = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else "spawn"
if mode == "spawn":
    objex.wait_dump(objex.spawn_dump(path))
else:
    _target.allow_fork_with_threads()
    _target.plain_fork(lambda: objex.dump_graph(path))
release.set()
with open(path + ".facts.json", "w") as f:
    json.dump(dict(CARGO, pid=os.getpid(), loose=id(LOOSE), marker=id(LOOSE.ext)), f)
