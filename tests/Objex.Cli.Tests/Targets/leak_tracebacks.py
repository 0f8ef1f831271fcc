"""Exceptions kept with their tracebacks, each in a cycle of its own, with the collector off, then a dump.

    python leak_tracebacks.py out.db      (python/objex must be importable)

    frame fail ──.locals['error']──▶ ValueError ──.__traceback__──▶ traceback ──.tb_frame──▶ frame fail
    frame fail ──.locals['scratch']──▶ bytes(2000)          (8,000 such cycles, all garbage: ~18 MiB)

    No container holds them: `objex suspects` names a group of 8,000 alike garbage entries.
"""
import gc
import sys

import objex


def fail(n):
    scratch = bytes(2000) + n.to_bytes(4, "little")
    try:
        raise ValueError(n)
    except ValueError as caught:
        error = caught
    return len(scratch)


if __name__ == "__main__":
    gc.disable()
    for n in range(8_000):
        fail(n)
    objex.dump_graph(sys.argv[1])
