"""Shape: what a dump must leave unchanged in the process it measures.

    10,000 suspended generators, each holding a local Held (a weakref watches it)
    a worker thread blocked holding a local Held
    python dump_changes_nothing.py <dump-path> inprocess|spawn|osfork

Counts gc.get_objects() before and after the dump; then every generator and the
worker drop their local, and the weakrefs tell whether anything else kept them.
``osfork``: instead of a dump, the program forks (and the child exits at once);
objex must run nothing then. Prints one JSON line.
"""
import gc
import json
import sys
import threading
import weakref

import _target  # (also puts the repo's python/ on sys.path)
import objex

N = 10000


class Held(object):
    pass


def holder(watch):
    local = Held()
    watch.append(weakref.ref(local))
    yield 1
    del local
    yield 2


watch = []
gens = [holder(watch) for _ in range(N)]
for g in gens:
    next(g)

worker_watch = []
dropped = threading.Event()
ready = threading.Event()
finish = threading.Event()
gone = threading.Event()


def worker():
    local = Held()
    worker_watch.append(weakref.ref(local))
    ready.set()
    dropped.wait()
    del local
    gone.set()
    finish.wait()


t = threading.Thread(target=worker, name="worker", daemon=True)
t.start()
ready.wait()

path, mode = sys.argv[1], sys.argv[2]
with open(path + ".facts.json", "w") as f:
    json.dump({"generator": id(gens[0]), "generator_local": id(watch[0]()),
               "worker_local": id(worker_watch[0]())}, f)
_target.allow_fork_with_threads()
gc.collect()
before = len(gc.get_objects())
if mode == "inprocess":
    objex.dump_graph(path)
elif mode == "spawn":
    objex.wait_dump(objex.spawn_dump(path))
else:
    _target.plain_fork()
gc.collect()
after = len(gc.get_objects())
for g in gens:
    next(g)
dropped.set()
gone.wait(60)
gc.collect()
print(json.dumps({"before": before, "after": after,
                  "generator_locals_alive": sum(1 for w in watch if w() is not None),
                  "worker_local_alive": worker_watch[0]() is not None,
                  "generators": N}))
finish.set()
