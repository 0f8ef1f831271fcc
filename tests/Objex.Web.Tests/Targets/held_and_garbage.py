"""A heap with memory no module or stack reaches, of both kinds, for the web UI's tests:

    atexit's C callback list ──(C holds it)──▶ tuple (upload,) ──[0]──▶ Upload ──.data──▶ bytes (50 KB)
                                               × 200: 10 MB held from C, each one object no root reaches

    Session ──.peer──▶ Session ──.peer──▶ (the first), each ──.buffer──▶ bytearray (2,500 B)
                                               × 1,000 dropped cycles, gc disabled: ~5 MB of garbage

    <module __main__>.MIXED ──▶ list ──[0..999]──▶ 40 instances of each of 25 classes Kind00..Kind24:
                                               a node whose children are of more types than one map page shows

Run: python held_and_garbage.py REPO/python out.db
"""
import atexit
import gc
import sys
import tracemalloc

tracemalloc.start()   # the uploads' bytes get allocation sites (3.11 finds no managed-dict instance's)

sys.path.insert(0, sys.argv[1])
import objex  # noqa: E402


class Upload:
    def __init__(self, number):
        self.data = bytes([number % 251]) * 50_000


class Session:
    def __init__(self):
        self.peer = None
        self.buffer = bytearray(2_500)


KINDS = [type("Kind%02d" % k, (), {}) for k in range(25)]
MIXED = [kind() for kind in KINDS for _ in range(40)]


def flush(upload):
    return len(upload.data)


def build():
    for number in range(200):
        atexit.register(flush, Upload(number))
    for _ in range(1_000):
        a, b = Session(), Session()
        a.peer, b.peer = b, a


gc.disable()
build()
objex.dump_graph(sys.argv[2])
atexit._clear()   # the uploads model what a program holds; nothing is flushed at exit
