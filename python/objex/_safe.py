"""C-level accessors that never run the program's Python code.

Every attribute the collector reads goes through a descriptor found in a type's own
``__dict__`` (``descr.__get__(obj, tp)``), never through ``getattr``: a class may
override ``__getattribute__``/``__getattr__``/``__class__``, and on CPython 3.11+
even reading ``obj.__dict__`` materialises a permanent dict. Type dicts and MROs are
read through ``type``'s own getset descriptors for the same reason (a metaclass may
override attribute access too).
"""

import gc
import types

from . import _managed_dict
from itertools import repeat
from operator import is_

_type_dict_get = type.__dict__["__dict__"].__get__      # -> mappingproxy of tp_dict
_type_mro_get = type.__dict__["__mro__"].__get__
_type_bases_get = type.__dict__["__bases__"].__get__
_type_base_get = type.__dict__["__base__"].__get__
_type_name_get = type.__dict__["__name__"].__get__
_type_qualname_get = type.__dict__["__qualname__"].__get__
_type_module_get = type.__dict__["__module__"].__get__
_type_flags_get = type.__dict__["__flags__"].__get__
_type_itemsize_get = type.__dict__["__itemsize__"].__get__
_type_weakrefoffset_get = type.__dict__["__weakrefoffset__"].__get__

MemberDescriptor = types.MemberDescriptorType
GetSetDescriptor = types.GetSetDescriptorType
MethodDescriptor = type(object.__sizeof__)        # method_descriptor
WrapperDescriptor = type(object.__init__)         # wrapper_descriptor (slot wrapper)
BuiltinFunction = types.BuiltinFunctionType

HAVE_GC = 1 << 14
MANAGED_DICT = 1 << 4            # 3.11+
HEAPTYPE = 1 << 9
READY = 1 << 12


def type_dict(tp):
    """The mappingproxy over a type's own dict (no metaclass code runs); an
    empty dict for a static type that was never readied."""
    d = _type_dict_get(tp)
    return d if d is not None else {}


def type_mro(tp):
    mro = _type_mro_get(tp)
    return mro if type(mro) is tuple else (tp,)


def is_ready(tp):
    """False for a static type CPython has not readied yet (it does so lazily on
    the first attribute lookup): its tp_dict, tp_mro and tp_bases are NULL."""
    return bool(_type_flags_get(tp) & READY)


def type_bases(tp):
    """``tp.__bases__``, () for a type never readied (reading its NULL tp_bases
    crashes 3.8)."""
    return _type_bases_get(tp) if is_ready(tp) else ()


def type_base(tp):
    return _type_base_get(tp)


def type_flags(tp):
    return _type_flags_get(tp)


def type_itemsize(tp):
    return _type_itemsize_get(tp)


def type_weakrefoffset(tp):
    return _type_weakrefoffset_get(tp)


def type_name(tp):
    name = _type_name_get(tp)
    return name if type(name) is str else "?"


def type_qualname(tp):
    try:
        name = _type_qualname_get(tp)
    except Exception:
        return type_name(tp)
    return name if type(name) is str else type_name(tp)


def type_module_name(tp):
    """The ``__module__`` string of a type, or None (never runs user code:
    heap types read their dict, static types derive it from tp_name)."""
    try:
        name = _type_module_get(tp)
    except Exception:
        return None
    return name if type(name) is str else None


def str_keyed(d):
    """True when every key of the dict (or mappingproxy) ``d`` is an exact str:
    then looking a str up in it compares only strs (C code). One C-level pass;
    ``type(k)`` is compared by identity, never hashed (a metaclass may hash)."""
    return all(map(is_, map(type, d), repeat(str)))


def str_lookup(d, name, default=None):
    """``d.get(name, default)`` that never calls a key's ``__eq__``: a key whose
    hash equals ``hash(name)`` would be compared with ``==`` by the dict's own
    lookup, and a program's key class may record or raise there. When ``d`` has
    a key that is not an exact str, its items are scanned instead (exact strs
    compared only)."""
    if str_keyed(d):
        return d.get(name, default)
    for k, v in list(d.items()):
        if type(k) is str and k == name:
            return v
    return default


def mro_lookup(tp, name):
    """What ``type.__getattribute__`` would find for ``name`` on ``tp``, without
    calling anything: the first hit in the MRO's dicts, or a sentinel."""
    for base in type_mro(tp):
        d = _type_dict_get(base)
        if d is not None:                    # None: a static type never readied
            v = str_lookup(d, name, _MISSING)
            if v is not _MISSING:
                return v
    return _MISSING


def mro_str_keyed(tp):
    """True when every dict of ``tp``'s MRO has exact-str keys only: then
    ``object.__getattribute__`` on its instances compares no user key."""
    for base in type_mro(tp):
        d = _type_dict_get(base)
        if d is not None and not str_keyed(d):
            return False
    return True


def instance_dict_str_keyed(o):
    """False when the ``__dict__`` of ``o`` has a key that is not an exact str:
    reading an attribute of ``o`` would then compare that key. No dict is
    materialised. On 3.11+ the dict is known by its address (_managed_dict): a
    dict-valued attribute is a referent too, and its keys are never compared;
    where that cannot be known, every referent dict is taken for the instance's."""
    address = None
    if type_flags(type(o)) & MANAGED_DICT:
        address = _managed_dict.dict_address(o)
        if address == 0:             # attributes in a values array: keys are strs
            return True
    for r in gc.get_referents(o):
        if type(r) is dict and (address is None or id(r) == address) and not str_keyed(r):
            return False
    return True


def instance_attr(o, name, default=None):
    """An attribute stored on the instance ``o`` (its dict, inline values or a
    C slot), or ``default``, running none of the program's code: refused when
    the class defines a Python-level descriptor of that name (a property), when
    a dict of its MRO or of the instance has a non-str key, or when reading
    raises."""
    tp = type(o)
    if not mro_str_keyed(tp) or not instance_dict_str_keyed(o):
        return default
    found = mro_lookup(tp, name)
    if found is not _MISSING and has_get(found) and type(found) is not MemberDescriptor:
        return default
    try:
        return _obj_getattribute(o, name)
    except Exception:
        return default


_obj_getattribute = object.__getattribute__


_MISSING = object()
MISSING = _MISSING


def is_one_of(tp, candidates):
    """``tp in candidates`` by identity only: ``in`` could call a metaclass ``__eq__``."""
    for c in candidates:
        if tp is c:
            return True
    return False


def is_heap_type(tp):
    return bool(type_flags(tp) & HEAPTYPE)


def is_builtin_slot(value):
    """True when ``value`` (found in a type dict) is implemented in C: calling it
    runs no Python code of the program."""
    t = type(value)
    return t is MethodDescriptor or t is WrapperDescriptor or t is BuiltinFunction


def has_get(value):
    """True when ``value`` is a descriptor (its type defines ``__get__``)."""
    return mro_lookup(type(value), "__get__") is not _MISSING
