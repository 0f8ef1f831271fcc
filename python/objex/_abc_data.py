"""The three sets an ABC's ``_abc_data`` (the C implementation in ``_abc``) keeps:
``_abc_registry`` (classes given to ``register()``), ``_abc_cache`` (subclasses
found) and ``_abc_negative_cache`` (classes found not to be), each created on
first use. No attribute reads them (``_abc._get_dump`` returns copies and looks
``_abc_impl`` up on the class, which could run a metaclass's code), and traversal
order alone cannot tell them apart when one is missing; so their pointers are read
from the object's C struct (right after its header, 64-bit builds) and matched
with its referents by identity. The layout is checked at import on an ABC of our
own with all three sets; if it differs, nothing is labelled.
"""

import abc
import gc

from . import _framelocals

_FIELDS = ("._abc_registry", "._abc_cache", "._abc_negative_cache")
_OFFSET = 16          # after ob_refcnt and ob_type (3.8-3.13, default builds)
LAYOUT_OK = False


def label_sets(o, refs, labels):
    """Label the sets among ``refs`` (the referents of ``_abc_data`` ``o``)."""
    if not LAYOUT_OK:
        return
    for name, v in _framelocals._match(_FIELDS, _framelocals._addresses(id(o) + _OFFSET, 3), refs):
        labels.setdefault(id(v), name)


class _Probe(abc.ABC):
    """The self-test's ABC. At module level, not made inside the test: classes are
    reference cycles, and a program's garbage must not grow by importing objex."""


class _Registered(object):
    pass


def _self_test():
    if not _framelocals._AVAILABLE:
        return False
    Probe, Registered = _Probe, _Registered
    Probe.register(Registered)          # creates the registry (and a negative cache)
    impl = Probe.__dict__.get("_abc_impl")
    if type(impl).__module__ != "_abc":
        return False
    refs = [r for r in gc.get_referents(impl) if type(r) is set]
    found = dict(_framelocals._match(_FIELDS, _framelocals._addresses(id(impl) + _OFFSET, 3), refs))
    registry = found.get(_FIELDS[0])
    return len(found) == len(refs) and type(registry) is set and len(registry) == 1 \
        and next(iter(registry))() is Registered


try:
    LAYOUT_OK = _self_test()
except Exception:
    LAYOUT_OK = False
