"""Memory outside small objects: a big bytearray, an array.array, two mmaps (anonymous and of a file),
beside many small objects; then a dump (in-process, or with ``spawn`` from a forked child).

    python rss_buffers.py out.db [spawn]     (python/objex must be importable)

    module __main__ ──.BIG──▶ bytearray (48 MiB, its buffer counted by __sizeof__)
                    ──.NUMBERS──▶ array.array('d') (3,000,000 doubles, 24 MB, counted by __sizeof__)
                    ──.SHARED──▶ mmap.mmap(-1, 24 MiB), every page written: shared anonymous memory
                    ──.MAPPED──▶ mmap.mmap of an 8 MiB file, every page read: file-backed
                    ──.ROWS──▶ list ──[i]──▶ 100,000 × dict {"k": int, "v": str}

Writes out.db.rss.json: VmRSS (bytes) read from /proc/self/status just before the dump and just after
(the parent's, for spawn), so a test can tell whether the breakdown adds up to what the process had.
"""
import array
import json
import mmap
import os
import sys
import tempfile

import objex

MiB = 1 << 20
BIG = bytearray(b"b" * (48 * MiB))
NUMBERS = array.array("d", range(3_000_000))
SHARED = mmap.mmap(-1, 24 * MiB)
SHARED.write(b"s" * (24 * MiB))
with tempfile.TemporaryFile() as backing:
    backing.write(b"f" * (8 * MiB))
    backing.flush()
    MAPPED = mmap.mmap(backing.fileno(), 8 * MiB, access=mmap.ACCESS_READ)
TOUCHED = sum(MAPPED[i] for i in range(0, 8 * MiB, 4096))
ROWS = [{"k": i, "v": str(i)} for i in range(100_000)]


def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


if __name__ == "__main__":
    before = rss()
    if sys.argv[2:] == ["spawn"]:
        objex.wait_dump(objex.spawn_dump(sys.argv[1]))
    else:
        objex.dump_graph(sys.argv[1])
    after = rss()
    with open(sys.argv[1] + ".rss.json", "w") as f:
        json.dump({"before": before, "after": after}, f)
