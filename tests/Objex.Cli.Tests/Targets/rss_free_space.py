"""Memory the allocator keeps after the program let go of it: 60,000 bytes objects of 2 KiB each (too big
for pymalloc: glibc's), every 16th kept, the rest freed; the kept ones pin the heap's pages, so glibc holds
the freed chunks between them (about 110 MiB) and cannot give them back from the top.

    python rss_free_space.py out.db     (python/objex must be importable)

    module __main__ ──.KEPT──▶ list ──[i]──▶ 3,750 × bytes (2 KiB)

`objex summary` shows the free space and says what helps (malloc_trim, MALLOC_ARENA_MAX).
"""
import sys

import objex

chunks = [bytes(2048) + i.to_bytes(4, "little") for i in range(60000)]
KEPT = chunks[::16]
del chunks

if __name__ == "__main__":
    objex.dump_graph(sys.argv[1])
