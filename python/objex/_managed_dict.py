"""3.13: an instance's ``__dict__`` once something has asked for it, read without
asking for it.

On 3.13 a plain instance keeps its attributes inline (Py_TPFLAGS_INLINE_VALUES).
When code reads ``obj.__dict__`` (``vars()``, ``copy``, ``pickle``, typing's
aliases), CPython makes a dict that *shares* those inline values: one reference
each, two containers. ``gc.get_referents(obj)`` still visits the inline values
and never the dict, so without this module the dict is an orphan (held by
nothing the dump sees, its contents credited to no one) and each value with one
reference is reached twice, and recorded twice, by the walk.

The dict pointer sits in the object's pre-header (``MANAGED_DICT_OFFSET``, three
words before the object); it is read as an int, and only where it is set, as the
dict itself (a ctypes read that increfs it, like any referent the walk holds).
The layout is checked at import on an instance of a class made here; if it
differs, or ctypes is missing, ``OK`` is False and instances are walked as before.
"""

import sys
from itertools import repeat
from operator import attrgetter, sub

try:
    import ctypes
except ImportError:          # a build without _ctypes
    ctypes = None

INLINE_VALUES = 1 << 2       # Py_TPFLAGS_INLINE_VALUES, 3.13
_DICT_OFFSET = 3 * 8         # -MANAGED_DICT_OFFSET on 64-bit builds
OK = False

if ctypes is not None and ctypes.sizeof(ctypes.c_void_p) == 8 and sys.version_info[:2] == (3, 13):
    class _PreHeader(ctypes.Structure):
        _fields_ = [("dict", ctypes.py_object)]

    _word_at = ctypes.c_size_t.from_address
    _value = attrgetter("value")

    def _pointers(batch):
        return list(map(_value, map(_word_at, map(sub, map(id, batch), repeat(_DICT_OFFSET)))))

    def _dict_of(o):
        d = _PreHeader.from_address(id(o) - _DICT_OFFSET).dict
        return d if type(d) is dict else None

    def _self_test():
        class Probe(object):
            pass
        o = Probe()
        o.a = 1
        if not (type.__dict__["__flags__"].__get__(Probe) & INLINE_VALUES):
            return False
        if _pointers([o]) != [0]:
            return False
        d = o.__dict__
        return _pointers([o]) == [id(d)] and _dict_of(o) is d

    try:
        OK = _self_test()
    except Exception:
        OK = False


def materialized(batch):
    """For a batch of instances of one INLINE_VALUES type: a list with each
    instance's materialised dict (None where it has none), or None when no
    instance has one (the common case: one C-level pass, nothing allocated per
    object but an int)."""
    if not OK:
        return None
    pointers = _pointers(batch)
    if pointers.count(0) == len(pointers):
        return None
    return [_dict_of(o) if a else None for o, a in zip(batch, pointers)]


def with_dict(refs, d):
    """An instance's referents as its dict holds them: the inline values the dict
    shares are dropped (they are the dict's referents now) and the dict stands
    before the class, which subtype_traverse visits last."""
    if not refs:
        return [d]
    shared = {}
    for v in dict.values(d):
        shared[id(v)] = shared.get(id(v), 0) + 1
    out = []
    # the inline values come after the slots: drop them from the end
    for r in reversed(refs[:-1]):
        n = shared.get(id(r), 0)
        if n:
            shared[id(r)] = n - 1
            continue
        out.append(r)
    out.reverse()
    out.append(d)
    out.append(refs[-1])
    return out
