"""Shape: the hostile zoo. Objects whose Python-level hooks count their calls (or
raise), C-extension objects, odd containers, a 1,000,000-long linked list, a dict
another thread mutates during the dump, and gc.freeze()d objects. The dump must
succeed, every counter must stay at zero, and the process must keep working.

    ZOO (list) --> Hostile, HostileMeta class, HostileList, HostileDict, HostileStr key,
                   weakref proxies, module with __getattr__, sqlite3.Connection,
                   array, memoryview, BytesIO/StringIO/file, ctypes array,
                   slots class, dataclass, enum, big int
    CHAIN --> Link --.next--> Link --.next--> ... (1,000,000 links)
    MUTATED (dict) <-- churned by a thread during the dump
    FROZEN (gc.freeze()d) --> Frozen
"""
import array
import collections
import ctypes
import dataclasses
import enum
import gc
import io
import json
import sqlite3
import sys
import threading
import types
import weakref

import _target

CALLS = collections.Counter()


def hook(name, raise_it=False):
    def method(self, *args, **kwargs):
        CALLS[name] += 1
        if raise_it:
            raise RuntimeError("hostile " + name)
        return object.__getattribute__(self, "__class__")   # something harmless
    return method


class HostileMeta(type):
    __getattribute__ = hook("meta.__getattribute__", True)
    __getattr__ = hook("meta.__getattr__", True)
    __eq__ = hook("meta.__eq__", True)
    __hash__ = hook("meta.__hash__", True)
    __repr__ = hook("meta.__repr__", True)
    __instancecheck__ = hook("meta.__instancecheck__", True)
    __subclasscheck__ = hook("meta.__subclasscheck__", True)
    __len__ = hook("meta.__len__", True)


class Hostile(metaclass=HostileMeta):
    __getattribute__ = hook("__getattribute__", True)
    __getattr__ = hook("__getattr__", True)
    __setattr__ = hook("__setattr__", True)
    __len__ = hook("__len__", True)
    __eq__ = hook("__eq__", True)
    __hash__ = hook("__hash__", True)
    __repr__ = hook("__repr__", True)
    __str__ = hook("__str__", True)
    __sizeof__ = hook("__sizeof__", True)
    __dir__ = hook("__dir__", True)
    __reduce_ex__ = hook("__reduce_ex__", True)
    __iter__ = hook("__iter__", True)
    __bool__ = hook("__bool__", True)

    @property
    def __class__(self):
        CALLS["__class__"] += 1
        raise RuntimeError("hostile __class__")

    @property
    def __dict__(self):
        CALLS["__dict__"] += 1
        raise RuntimeError("hostile __dict__")

    @property
    def payload(self):
        CALLS["property"] += 1
        raise RuntimeError("hostile property")


class HostileList(list):
    __len__ = hook("list.__len__", True)
    __iter__ = hook("list.__iter__", True)
    __getitem__ = hook("list.__getitem__", True)
    __repr__ = hook("list.__repr__", True)


class HostileDict(dict):
    items = hook("dict.items", True)
    keys = hook("dict.keys", True)
    __iter__ = hook("dict.__iter__", True)
    __getitem__ = hook("dict.__getitem__", True)
    __len__ = hook("dict.__len__", True)


class HostileStr(str):
    def __hash__(self):
        CALLS["str.__hash__"] += 1
        return 42

    def __eq__(self, other):
        CALLS["str.__eq__"] += 1
        return self is other

    __repr__ = hook("str.__repr__", True)
    __len__ = hook("str.__len__", True)


class Plain(object):
    def __init__(self, i):
        self.i = i
        self.tag = "p%d" % i
        self.items = [i]          # a tracked value: a materialised __dict__ would be gc-tracked


class Slotted(object):
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]


@dataclasses.dataclass
class Record:
    name: str
    values: list


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Link(object):
    __slots__ = ("next",)

    def __init__(self, nxt):
        self.next = nxt


FROZEN = [Plain(-2)]
gc.freeze()          # everything so far moves to the permanent generation

lazy = types.ModuleType("lazy_mod")
lazy.__getattr__ = hook("module.__getattr__", True)
sys.modules["lazy_mod"] = lazy

h = Hostile()
object.__setattr__(h, "inner", [1, 2, 3])
hostile_key_dict = {}
hostile_key_dict[HostileStr("key")] = "value"
conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE t (x)")
target = Plain(-1)
ZOO = [
    h, Hostile, HostileList([1, 2, 3]), HostileDict(a=1), hostile_key_dict,
    weakref.proxy(target), weakref.proxy(len), target, lazy,
    conn, array.array("i", range(10)), memoryview(b"bytes"), io.BytesIO(b"x"), io.StringIO("y"),
    open(__file__), (ctypes.c_int * 10)(), ctypes.c_char_p(b"z"),
    Slotted(), Record("r", [1]), Color.RED, 10 ** 5000, float("nan"), b"b" * 1000, "s" * 1000,
]
PLAIN = [Plain(i) for i in range(2000)]

CHAIN = None
for _ in range(1000000):
    CHAIN = Link(CHAIN)

MUTATED = {}
stop = threading.Event()


def churn():
    i = 0
    while not stop.is_set():
        MUTATED[i % 5000] = [i]
        MUTATED.pop((i + 2500) % 5000, None)
        i += 1


churner = threading.Thread(target=churn, daemon=True)
churner.start()

dicts_before = sum(1 for o in gc.get_objects() if type(o) is dict)
CALLS.clear()
_target.dump(hostile=h, chain=CHAIN, frozen=FROZEN, frozen_item=FROZEN[0], mutated=MUTATED,
             plain=PLAIN[0], big=ZOO[14])
calls = dict(CALLS)
dicts_after = sum(1 for o in gc.get_objects() if type(o) is dict)
stop.set()
churner.join()
gc.unfreeze()

# the process keeps working
conn.execute("INSERT INTO t VALUES (1)")
assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1
assert PLAIN[5].tag == "p5" and Color.RED.value == 1
with open(sys.argv[1] + ".facts.json") as f:
    facts = json.load(f)
facts.update(calls=calls, dicts_before=dicts_before, dicts_after=dicts_after)
with open(sys.argv[1] + ".facts.json", "w") as f:
    json.dump(facts, f)
print("zoo ok")
