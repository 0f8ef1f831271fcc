"""The object rows of a run (consecutive ids, one type), as columns in C-level
passes: address, raw refcount, size, gc tracking, length and the short value of
scalars. The writer (_writer) turns them into ``object`` rows.

Record: ``("R", first id, count, type id, size, refcounts, addresses (packed:
_keys.addresses_of), tracked, lengths, value kind, values)``; ``size`` and ``tracked`` are
an int when the whole run shares it, else packed arrays; refcounts are as ``sys.getrefcount`` returned
them with ``objs``, the run slice and the call holding 3 more. ``in_gc_objects``
is not sent: the gc snapshot is exactly ids below n_gc.
"""

import gc
import sys
from itertools import repeat
from operator import add, getitem

from ._keys import addresses_of
from ._messages import _q

MAX_CHARS = 200
_MAX_INT_BITS = 664          # about 200 decimal digits: longer ints get no value
_HEAD = slice(0, MAX_CHARS + 1)   # one past the cut, so the writer knows to add the ellipsis

_getsizeof = sys.getsizeof
_object_sizeof = object.__sizeof__
_is_tracked = gc.is_tracked
_GC_HEADER = 16              # what getsizeof adds for a gc object, when only object.__sizeof__ is safe

# value kinds (see _writer.render_values): "s" str (cut), "b" bytes (repr, cut),
# "r" repr of exact int/float/complex/bool, "n" None, "t" text ready (str or 0: none)
_SCALAR_KIND = {str: "s", bytes: "b", float: "r", complex: "r", bool: "r", type(None): "n"}


def run_record(p, n0, run, rcs, in_gc):
    """``in_gc``: the run is of the gc snapshot (all tracked)."""
    c = len(run)
    tracked = 1 if in_gc else (_tracked(run) if p.gc else 0)
    return ("R", n0, c, p.tid, _sizes(p, n0, run), _q(rcs), addresses_of(run), tracked) + _len_and_value(p, run)


def _tracked(run):
    flags = bytes(map(_is_tracked, run))
    if flags.count(1) == len(flags):
        return 1
    return flags


def _sizes(p, n0, run):
    """One int for the run when every object has the same size, else packed sizes;
    C buffers __sizeof__ leaves out (p.external, _external) are added, and noted."""
    sizes = _own_sizes(p, run)
    if p.external is None:
        return sizes if type(sizes) is int else _q(sizes)
    if type(sizes) is int:
        sizes = [sizes] * len(run)
    extras = list(map(p.external, run))
    if p.buffers is not None:
        p.buffers.note(n0, run, extras, p.external)
    return _q(list(map(add, sizes, extras)))


def _own_sizes(p, run):
    if p.fixed_size:
        if p.size is None:
            p.size = _getsizeof(run[0])
        return p.size
    if p.sizeof_safe:
        try:
            if p.sizeof is None:
                return list(map(_getsizeof, run))
            if p.sizeof_extra is None:
                p.sizeof_extra = _getsizeof(run[0]) - p.sizeof(run[0])
            sizes = list(map(p.sizeof, run))
            if p.sizeof_extra:
                sizes = list(map(add, sizes, repeat(p.sizeof_extra)))
            return sizes
        except Exception:
            pass
        return [_safe_size(o, p) for o in run]
    # the class defines __sizeof__ in Python: not called, the C base size is used
    return [_base_size(o, p) for o in run]


def _safe_size(o, p):
    try:
        return _getsizeof(o)
    except Exception:
        return _base_size(o, p)


def _base_size(o, p):
    return _object_sizeof(o) + (_GC_HEADER if p.gc else 0)


def _len_and_value(p, run):
    """(lengths, value kind, values) of a run."""
    sc = p.scalar
    if sc is None:
        if p.len_fn is None:
            return None, None, None
        try:
            lens = list(map(p.len_fn, run))
        except Exception:
            lens = [_len_or(o, p.len_fn) for o in run]
        return _q(lens), None, None
    if sc is str or sc is bytes:
        lens = list(map(len, run))
        # cut only where one is longer (most are short: the run itself is their values)
        values = run if max(lens) <= MAX_CHARS else list(map(getitem, run, repeat(_HEAD)))
        return _q(lens), _SCALAR_KIND[sc], values
    if sc is int:
        lens = None
        if max(map(int.bit_length, run)) > _MAX_INT_BITS:
            return lens, "t", [repr(v) if v.bit_length() <= _MAX_INT_BITS else 0 for v in run]
        return lens, "r", run
    if sc is type(None):
        return None, "n", None
    return None, _SCALAR_KIND[sc], run


def _len_or(o, len_fn):
    try:
        return len_fn(o)
    except Exception:
        return -1
