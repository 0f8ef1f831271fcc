"""Shape: a mixed heap for the ground-truth comparison (every kind of holder at once).

    HEAP --> [Plain, Slotted, closure, generator, lru_cache, partial, bound method,
              exception with traceback, dict subclass, tuple subclass, set, frozenset,
              bytearray, weakref, deque, OrderedDict, class with metaclass, ...,
              3,000 each of small dicts, lists, tuples and sets]
    a worker thread blocked in a 10-deep stack holding a local dict (not with
    OBJEX_NO_THREAD=1: then the walk runs alone and reads containers without copies)
"""
import collections
import functools
import os
import threading
import weakref

import _target


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


class Plain(object):
    def __init__(self, i):
        self.i = i
        self.items = [i, str(i)]


class Wide(object):
    def __init__(self, i):
        self.first = [i]
        self.second = str(i)
        self.third = (i, [i])


class Slotted(object):
    __slots__ = ("a", "b", "__weakref__")

    def __init__(self):
        self.a = [1]


class DictSub(dict):
    pass


class TupleSub(tuple):
    pass


def closure(x):
    def inner():
        return x
    return inner


def gen():
    local = [1, 2]
    yield local


@functools.lru_cache()
def cached(n):
    return [n]


def failing():
    raise ValueError("x")


try:
    failing()
except ValueError as e:
    EXC = e

g = gen()
next(g)
slotted = Slotted()
cached(1)
HEAP = [Plain(i) for i in range(50)] + [
    slotted, weakref.ref(slotted), closure(Plain(99)), g, cached,
    functools.partial(closure, 1), Plain(7).__init__, EXC, DictSub(a=[1]), TupleSub(([1], 2)),
    {frozenset([1, 2]), "s"}, bytearray(b"xy"), collections.deque([[1]]),
    collections.OrderedDict(a=[2]), WithMeta(), memoryview(b"abc"),
]
# many small tracked containers: whole batches of them fit in one record, the walk's
# in-place reading when it runs alone (a list's items after its length, a dict's values
# after its keys)
HEAP += [{"k": [i], i: (i, [i])} for i in range(3000)]
HEAP += [[i, [i], "x"] for i in range(3000)]
HEAP += [(i, [i]) for i in range(3000)]
HEAP += [{(i, "s"), i} for i in range(3000)]
# whole batches of instances read by their learnt attribute layout (the class column last)
HEAP += [Wide(i) for i in range(6000)]

ready = threading.Event()
stop = threading.Event()


def worker(n):
    if n:
        return worker(n - 1)
    held = {"worker": [1, 2, 3]}
    ready.set()
    stop.wait()
    return held


if os.environ.get("OBJEX_NO_THREAD") != "1":
    t = threading.Thread(target=worker, args=(10,), daemon=True)
    t.start()
    ready.wait()
_target.dump(heap=HEAP)
stop.set()
