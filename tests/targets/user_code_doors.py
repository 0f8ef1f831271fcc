"""Shape: two doors through which a collector could run the program's code.

    COLLIDING_CLASS  its class dict holds Collider keys whose hash equals
                     hash("__sizeof__"), hash("__dict__"), hash("__weakref__"), ...
    INSTANCES (list) --> Doorway --.__dict__--> {"attr": ..., Collider("attr"): 1, ...}
    MODULE   (module "colliding_mod") whose dict holds Collider("__name__"), ("__file__")
    WORKER   (PropertyThread, a threading.Thread subclass whose _name, _ident and
              _native_id are properties), waiting on an Event

Every Collider.__eq__ and every property getter appends a line to <dump>.calls
(O_APPEND, so a forked child's calls are counted too). The program dumps itself
in-process (dump_graph) and then forked (spawn_dump); the facts give both counts.
"""
import os
import sys
import threading
import types

import _target

import objex

CALLS_PATH = sys.argv[1] + ".calls"
_calls_fd = os.open(CALLS_PATH, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
counting = [False]


def record(what):
    if counting[0]:
        os.write(_calls_fd, (what + "\n").encode())


NAMES = ("__sizeof__", "__dict__", "__weakref__", "__name__", "__file__", "__module__",
         "__wrapped__", "__get__", "__slots__", "_fields", "attr", "other", "_name", "_ident",
         "_native_id")


class Collider(object):
    """A key whose hash is a string's: a dict lookup of that string compares it."""

    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name)

    def __eq__(self, other):
        record("Collider.__eq__(%s)" % self.name)
        return False


class Doorway(object):
    def __init__(self, i):
        self.attr = [i]
        self.other = "o%d" % i

    def uses(self):
        return self.attr, self.other

    for _n in NAMES:
        vars()[Collider(_n)] = _n      # non-str keys in the class dict
    del _n


INSTANCES = [Doorway(i) for i in range(50)]
for _inst in INSTANCES[:25]:
    for _n in NAMES:
        _inst.__dict__[Collider(_n)] = 1
del _inst, _n

MODULE = types.ModuleType("colliding_mod")
MODULE.__file__ = "colliding_mod.py"
for _n in NAMES:
    MODULE.__dict__[Collider(_n)] = 1
sys.modules["colliding_mod"] = MODULE
PLAIN_DICT = {Collider(n): n for n in NAMES}


def _prop(field):
    def get(self):
        record("PropertyThread.%s" % field)
        return self.__dict__["_real" + field]

    def set_(self, value):
        self.__dict__["_real" + field] = value
    return property(get, set_)


class PropertyThread(threading.Thread):
    _name = _prop("_name")
    _ident = _prop("_ident")
    _native_id = _prop("_native_id")


release = threading.Event()
WORKER = PropertyThread(target=release.wait, name="property-thread", daemon=True)
WORKER.start()
threading.Event().wait(0.05)           # the worker is blocked in release.wait()


def count():
    with open(CALLS_PATH) as f:
        return f.read().splitlines()


counting[0] = True
_target.dump(worker=WORKER, module=MODULE, instance=INSTANCES[0], plain_dict=PLAIN_DICT)
counting[0] = False
in_process = count()
counting[0] = True
forked_path = sys.argv[1] + ".forked.db"
objex.wait_dump(objex.spawn_dump(forked_path))
counting[0] = False
forked = count()[len(in_process):]
release.set()
WORKER.join()

import json  # noqa: E402
with open(sys.argv[1] + ".facts.json") as f:
    facts = json.load(f)
facts.update(in_process=in_process, forked=forked, forked_path=forked_path)
with open(sys.argv[1] + ".facts.json", "w") as f:
    json.dump(facts, f)
print("doors ok")
