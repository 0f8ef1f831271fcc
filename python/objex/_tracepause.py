"""In spawn_dump's forked child, the dump's own allocations are not traced by
tracemalloc.

A program that traces with tracemalloc pays, for every block allocated or freed,
a traceback and a hash-table update; the walk makes tens of millions of short-lived
ints, tuples and lists, and with tracing on a dump took 8x as long (31 s against
3.8 s at 1 M gc objects, docs/benchmarks.md). The traces the dump reads (the
program's objects' allocation sites, _sites) were all made before it started.

So in the child, which exits when the dump is written, the MEM and OBJ allocator
domains are given back the allocators tracemalloc wraps, for the dump: tracemalloc
keeps its hooks' context pointing at the allocators it saved (``alloc.ctx =
&allocators.obj`` in CPython 3.8-3.13), and that is where they are read. Only
tracemalloc's own hooks are recognised: both domains with the same functions and
contexts 80 bytes apart (its ``{mem, raw, obj}`` struct), the RAW domain's context
between them; anything else (another tool's hooks above tracemalloc's) is left
alone, and the dump is just slower. Never in the program's own process: there, a
block freed untraced would stay in tracemalloc's totals, and a free-list slot handed
back to the program would lose its traceback.
"""

import sys

try:
    import ctypes
except ImportError:            # a build without _ctypes: dumps stay traced
    ctypes = None

try:
    import _tracemalloc
except ImportError:
    _tracemalloc = None

_RAW, _MEM, _OBJ = 0, 1, 2

if ctypes is not None and sys.implementation.name == "cpython":
    class _Allocator(ctypes.Structure):
        # PyMemAllocatorEx
        _fields_ = [("ctx", ctypes.c_void_p), ("malloc", ctypes.c_void_p), ("calloc", ctypes.c_void_p),
                    ("realloc", ctypes.c_void_p), ("free", ctypes.c_void_p)]

    _get = ctypes.pythonapi.PyMem_GetAllocator
    _get.argtypes = (ctypes.c_int, ctypes.POINTER(_Allocator))
    _get.restype = None
    _set = ctypes.pythonapi.PyMem_SetAllocator
    _set.argtypes = (ctypes.c_int, ctypes.POINTER(_Allocator))
    _set.restype = None
else:
    _Allocator = None


def _current(domain):
    a = _Allocator()
    _get(domain, ctypes.byref(a))
    return a


def _wrapped(hooks):
    """The allocators tracemalloc's hooks ``hooks`` (MEM, OBJ) call, or None when
    these hooks are not tracemalloc's."""
    mem, obj = hooks
    raw = _current(_RAW)
    size = ctypes.sizeof(_Allocator)
    if not (mem.ctx and mem.malloc and mem.malloc == obj.malloc and mem.free == obj.free
            and mem.realloc == obj.realloc and obj.ctx - mem.ctx == 2 * size
            and raw.ctx == mem.ctx + size):
        return None
    saved = []
    for hook in hooks:
        inner = _Allocator.from_buffer_copy(ctypes.string_at(hook.ctx, size))
        if not inner.malloc or not inner.free or inner.malloc == hook.malloc or inner.free == hook.free:
            return None
        saved.append(inner)
    return saved


def pause():
    """Stop tracing this process's MEM and OBJ allocations; return what resumes them,
    or None when nothing was changed (not tracing, not tracemalloc's hooks, no ctypes)."""
    if _Allocator is None or _tracemalloc is None:
        return None
    try:
        if not _tracemalloc.is_tracing():
            return None
        hooks = (_current(_MEM), _current(_OBJ))
        inner = _wrapped(hooks)
    except Exception:
        return None
    if inner is None:
        return None
    _set(_MEM, ctypes.byref(inner[0]))
    _set(_OBJ, ctypes.byref(inner[1]))

    def resume():
        _set(_MEM, ctypes.byref(hooks[0]))
        _set(_OBJ, ctypes.byref(hooks[1]))
    return resume
