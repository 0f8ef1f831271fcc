"""Many suspects, many types and hostile names, for the bounds of `objex suspects --html`, then a dump.

    python report_stress.py out.db      (python/objex must be importable)

    module __main__ ──['<script>alert("g17")</script>&…' (a 300-character global name)]──▶ list ──[0]──▶ list ──[0]──▶ …
        (31 nested lists) ──[0]──▶ list, the accumulation point ──[*]──▶ 20 × a class of its own, '<script>alert("type 17")</script>TTT…'
                                                                 ──[*]──▶ 3 × each of bytes, tuple, dict, bytearray, frozenset
        × 1,500 globals (~4 KiB each, ~0.03% of the heap): at --threshold 0.01 each is a single suspect, with a root path of
        32 steps and 6 accumulated types

    thread '</title><script>alert("thread")</script>NNN…' ── frame hold ──.locals['batch']──▶ list ──[i]──▶ 2,000 hostile strs

    Every name a report prints (global, class, thread, values) is long and full of < > & " ', so a report that
    escaped nothing or bounded nothing shows it.
"""
import sys
import threading

import objex

HOSTILE = "<script>alert(\"x\")</script>&'"

for g in range(1_500):
    cls = type(f"<script>alert(\"type {g}\")</script>" + "T" * 200, (), {})
    leaf = [cls() for _ in range(20)]
    for _ in range(3):
        leaf += [bytes(64) + g.to_bytes(4, "little"), (g, HOSTILE), {HOSTILE: g}, bytearray(64), frozenset([g, -g - 1])]
    holder = leaf
    for _ in range(30):
        holder = [holder]
    globals()[f"<script>alert(\"g{g}\")</script>" + HOSTILE * 20] = holder

ready = threading.Event()
done = threading.Event()


def hold():
    batch = [HOSTILE * 10 + str(n) for n in range(2_000)]
    ready.set()
    done.wait()
    return len(batch)


if __name__ == "__main__":
    worker = threading.Thread(target=hold, name="</title><script>alert(\"thread\")</script>" + "N" * 300)
    worker.start()
    ready.wait()
    try:
        objex.dump_graph(sys.argv[1])
    finally:
        done.set()
        worker.join()
