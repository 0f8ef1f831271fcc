"""Garbage the collector never freed: gc disabled, 1,000 dropped reference cycles, then a dump.

    python gc_disabled_garbage.py out.db      (python/objex must be importable)

    Session ──.peer──▶ Session ──.peer──▶ (the first)      a cycle, dropped: nothing else holds it
       └──.buffer──▶ bytearray (5,000 bytes)                × 1,000 (gc.disable(): never collected)

No root and no C code holds the cycles (each one's refcounts are explained within it): they are
garbage, ~10 MiB of it (2,000 buffers of 5,000 bytes), and the dump records that gc was disabled.
"""
import gc
import sys

import objex

CYCLES = 1_000
BUFFER_BYTES = 5_000


class Session:
    def __init__(self):
        self.peer = None
        self.buffer = bytearray(BUFFER_BYTES)


def drop_cycles():
    for _ in range(CYCLES):
        a, b = Session(), Session()
        a.peer, b.peer = b, a


gc.disable()
drop_cycles()
objex.dump_graph(sys.argv[1])
