"""An instance's ``__dict__`` once something has asked for it (3.11+), read without
asking for it.

From 3.11 a plain instance keeps its attributes in a values array
(Py_TPFLAGS_MANAGED_DICT), inline in the object on 3.13 (Py_TPFLAGS_INLINE_VALUES).
A dict exists only once code reads ``obj.__dict__`` (``vars()``, ``copy``, ``pickle``,
typing's aliases). The collector must know whether one exists and which referent it
is: a dict-valued attribute is a referent too, and is not the instance's dict.

On 3.13 that dict *shares* the inline values: one reference each, two containers.
``gc.get_referents(obj)`` still visits the inline values and never the dict, so the
dict would be an orphan (held by nothing the dump sees, its contents credited to no
one) and each value with one reference would be reached, and recorded, twice.

The dict pointer sits in the object's pre-header, three words before the object
(3.11 ``_PyObject_ManagedDictPointer``; 3.12 ``_PyObject_DictOrValuesPointer``,
whose low bit set means a values array, not a dict; 3.13 ``PyManagedDictPointer``):
it is read as an int, and only where it is set, as the dict itself (a ctypes read
that increfs it, like any referent the walk holds). The layout is checked at import
on an instance of a class made here; if it differs, or ctypes is missing, ``OK`` is
False and instances are walked as before.
"""

import sys
from itertools import repeat
from operator import attrgetter, sub

try:
    import ctypes
except ImportError:          # a build without _ctypes
    ctypes = None

INLINE_VALUES = 1 << 2       # Py_TPFLAGS_INLINE_VALUES, 3.13
MANAGED_DICT = 1 << 4        # Py_TPFLAGS_MANAGED_DICT, 3.11+
_DICT_OFFSET = 3 * 8         # three words before the object, 64-bit builds
_TAGGED = sys.version_info[:2] == (3, 12)   # the word may be a values pointer | 1
OK = False
INLINE_SHARED = sys.version_info[:2] == (3, 13)   # the dict shares the inline values

if ctypes is not None and ctypes.sizeof(ctypes.c_void_p) == 8 and (3, 11) <= sys.version_info[:2] <= (3, 13):
    class _PreHeader(ctypes.Structure):
        _fields_ = [("dict", ctypes.py_object)]

    _word_at = ctypes.c_size_t.from_address
    _value = attrgetter("value")

    def _pointers(batch):
        words = list(map(_value, map(_word_at, map(sub, map(id, batch), repeat(_DICT_OFFSET)))))
        if _TAGGED:
            return [0 if w & 1 else w for w in words]
        return words

    def _dict_of(o):
        d = _PreHeader.from_address(id(o) - _DICT_OFFSET).dict
        return d if type(d) is dict else None

    def _self_test():
        class Probe(object):
            pass
        o = Probe()
        o.a = 1
        if not (type.__dict__["__flags__"].__get__(Probe) & MANAGED_DICT):
            return False
        if _pointers([o]) != [0]:
            return False
        d = o.__dict__
        return _pointers([o]) == [id(d)] and _dict_of(o) is d

    try:
        OK = _self_test()
    except Exception:
        OK = False


def dict_address(o):
    """The address of the materialised ``__dict__`` of ``o`` (an instance of a
    MANAGED_DICT type), 0 when it has none; None when this cannot be known."""
    return _pointers((o,))[0] if OK else None


def materialized(batch):
    """For a batch of instances of one INLINE_VALUES type: a list with each
    instance's materialised dict (None where it has none), or None when no
    instance has one (the common case: one C-level pass, nothing allocated per
    object but an int)."""
    if not OK or not INLINE_SHARED:
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
