"""A heap with the shapes the explorer's expected outputs show, then a dump of it.

    python explorer_shapes.py out.db      (python/objex must be importable)

    modules shape_a, shape_b, shape_c ──.handler──▶ <function handler>     (three module paths)
    module shape_a ──.REGISTRY──▶ dict ──['alpha']──▶ Leaf ──.payload──▶ list[0..2]
    module shape_a ──.CHAIN──▶ Node ──.next──▶ Node ──.next──▶ Node        (a dominator chain)
    main thread: frame hold_local ──.locals['local_marker']──▶ Marker     (only a frame holds it)
    thread "shape-sleeper": frame sleeper ▶ frame nap (waiting on an Event)
    class Leaf(Mid), Mid(Base), Base(object)                                (bases, MRO, subtypes)
    weakref.ref(Leaf) in shape_b.WEAK                                       (a weak reference)
    module shape_c ──.BIG──▶ str of 3,000,000 'y'                           (top size, top retained)
    module shape_b ──.PAGED──▶ list[0..44] ──[0]──▶ one str 'paged-referrer'  (paging: 45 out, 45 in)
    module shape_b ──.TASKS──▶ [Task "shape-waiter" ──._coro──▶ outer ──cr_await──▶ inner ──cr_await──▶
                                    sleep ──cr_await──▶ FutureIter; ._fut_waiter──▶ Future,
                                Task "shape-pending" (never started)]             (tasks)
"""
import asyncio
import sys
import threading
import types
import weakref

import objex


def _module(name):
    module = types.ModuleType(name)
    sys.modules[name] = module
    return module


shape_a = _module("shape_a")
shape_b = _module("shape_b")
shape_c = _module("shape_c")

exec(
    "def handler(event):\n"
    "    return event\n"
    "class Base:\n"
    "    pass\n"
    "class Mid(Base):\n"
    "    pass\n"
    "class Leaf(Mid):\n"
    "    def __init__(self, payload):\n"
    "        self.payload = payload\n"
    "class Node:\n"
    "    def __init__(self, next=None):\n"
    "        self.next = next\n"
    "        self.blob = 'x' * 1000\n"
    "class Marker:\n"
    "    pass\n",
    shape_a.__dict__,
)
shape_b.handler = shape_a.handler
shape_c.handler = shape_a.handler
shape_a.REGISTRY = {"alpha": shape_a.Leaf(["one", "two", "three"])}
shape_a.CHAIN = shape_a.Node(shape_a.Node(shape_a.Node()))
shape_b.WEAK = weakref.ref(shape_a.REGISTRY["alpha"])
shape_c.BIG = "y" * 3_000_000


def _shared_by_many(count):
    # Built at run time, so that no code object's constants refer to the string too.
    shared = "-".join(["paged", "referrer"])
    return [[shared] for _ in range(count)]


shape_b.PAGED = _shared_by_many(45)


async def inner():
    await asyncio.sleep(3600)


async def outer():
    await inner()


# One turn of a loop that is not running at dump time: the first task starts and waits in
# sleep(3600); the second is created after it and never starts.
_loop = asyncio.new_event_loop()
shape_b.TASKS = [_loop.create_task(outer(), name="shape-waiter")]
_loop.run_until_complete(asyncio.sleep(0))
shape_b.TASKS.append(_loop.create_task(outer(), name="shape-pending"))

_started = threading.Event()
_release = threading.Event()


def nap():
    _started.set()
    _release.wait()


def sleeper():
    nap()


def hold_local(path):
    local_marker = shape_a.Marker()
    objex.dump_graph(path)
    return local_marker


if __name__ == "__main__":
    worker = threading.Thread(target=sleeper, name="shape-sleeper", daemon=True)
    worker.start()
    _started.wait()
    hold_local(sys.argv[1])
    _release.set()
    worker.join()
