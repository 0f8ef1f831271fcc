"""Shape: memory outside small objects, for the memory and external_buffer tables.

    module __main__ --.big--> bytearray (8 MiB: __sizeof__ counts its buffer)
                    --.numbers--> array.array('d', 500,000 doubles: __sizeof__ counts them)
                    --.shared--> mmap.mmap(-1, 4 MiB), every page written (shared anonymous memory:
                                 the external size, from the mapping's resident pages)
                    --.closed--> a closed mmap (no mapping: no external size)

Dumps in-process, or from spawn_dump's child with ``spawn`` as the second argument; then writes a
line to fd 2, which the dump pointed at a memfd for a moment and must have restored.
"""
import array
import mmap
import os
import sys

import _target

big = bytearray(8 << 20)
numbers = array.array("d", range(500000))
shared = mmap.mmap(-1, 4 << 20)
shared.write(b"s" * (4 << 20))
closed = mmap.mmap(-1, 1 << 20)
closed.close()

if sys.argv[2:] == ["spawn"]:
    with open(sys.argv[1] + ".facts.json", "w") as f:
        __import__("json").dump({"shared": id(shared), "closed": id(closed), "big": id(big)}, f)
    _target.objex.wait_dump(_target.objex.spawn_dump(sys.argv[1]))
else:
    _target.dump(shared=shared, closed=closed, big=big)
os.write(2, b"fd 2 still goes to stderr\n")
