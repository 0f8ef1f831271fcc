"""Memory held from C: payloads only an atexit callback list holds, then a dump of it.

    python held_from_c.py out.db      (python/objex must be importable)

    atexit's C callback list ──(unseen: C holds it)──▶ tuple (payload,) ──[0]──▶ Upload ──.data──▶ bytes (50 KB)
                                                       × 200 (one registration each)
    module __main__ ──.flush──▶ <function flush>      (the callback itself is a module global)

No module and no running frame reaches the tuples: before objex counted the references the
dump could not see, the 200 uploads were "unreachable" one by one, never a total.
"""
import atexit
import sys

import objex

PAYLOADS = 200
PAYLOAD_BYTES = 50_000


class Upload:
    def __init__(self, number):
        self.data = bytes([number % 251]) * PAYLOAD_BYTES


def flush(upload):
    return len(upload.data)


def register():
    for number in range(PAYLOADS):
        atexit.register(flush, Upload(number))


register()
objex.dump_graph(sys.argv[1])
atexit._clear()   # the payloads are not flushed anywhere: the program only models holding them
