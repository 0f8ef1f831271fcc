"""An unbounded lru_cache that keeps every result it ever computed, then a dump.

    python leak_lru_cache.py out.db      (python/objex must be importable)

    module __main__ ──.render──▶ functools._lru_cache_wrapper ──<cache>──▶ dict ──[n]──▶ bytes(2000)
                                                                   (10,000 results: ~19 MiB, most of the heap)

    `objex suspects`: the holder is the lru_cache wrapper, the accumulation point its cache dict
    (`<module __main__>.render.<cache>`), holding 10,000 × bytes.
"""
import functools
import sys

import objex


@functools.lru_cache(maxsize=None)
def render(n):
    return bytes(2000) + n.to_bytes(4, "little")


for n in range(10_000):
    render(n)

if __name__ == "__main__":
    objex.dump_graph(sys.argv[1])
