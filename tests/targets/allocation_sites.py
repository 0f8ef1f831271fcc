"""Shape: objects allocated by one function while the program traces with tracemalloc
(OBJEX_TRACEMALLOC=<frames> starts it; unset, the program does not trace, nor import
tracemalloc: PYTHONTRACEMALLOC=<frames> then traces from the interpreter's start).

    CACHE (dict) --[k]--> Entry (__slots__) --.data--> bytearray   allocated in remember()
    BEFORE (list): allocated before tracing started (no site)
"""
import os

BEFORE = [bytearray(10) for _ in range(3)]
FRAMES = int(os.environ.get("OBJEX_TRACEMALLOC", "0"))
if FRAMES:
    import tracemalloc
    tracemalloc.start(FRAMES)

import _target  # noqa: E402


class Entry(object):
    __slots__ = ("data",)     # 3.11's tracemalloc cannot find an instance with a managed __dict__

    def __init__(self, data):
        self.data = data


CACHE = {}


def remember(key):
    CACHE[key] = Entry(bytearray(100))   # REMEMBER_LINE


def fill():
    for key in range(50):
        remember(key)


fill()
_target.dump(entry=CACHE[7], data=CACHE[7].data, before=BEFORE[0])
if FRAMES:
    # the program goes on tracing after the dump, whoever dumped it
    LATE = bytearray(5)
    _target.add_facts(tracing_after_dump=tracemalloc.is_tracing(),
                      traced_after_dump=tracemalloc.get_object_traceback(LATE) is not None)
