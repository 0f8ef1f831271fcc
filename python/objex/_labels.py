"""Per-object labelling: the label of every reference of one object.

The bulk handlers (_bulk) label whole batches of lists, dicts, sets and plain
instances in C-level passes; everything else comes here one object at a time:
every GENERIC object (types, functions, frames, code, cells, exceptions, ...) and
the instances whose attribute layout is not yet learnt or does not hold.

A label is found by matching ``gc.get_referents()`` with values read through C
descriptors (see _plans and _safe), by identity; values that are stored pointers
but are not visited by the type's ``tp_traverse`` become extra edges. Nothing here
calls the program's Python code.
"""

import gc
from itertools import repeat

from . import _external, _framelocals, _plans, _safe
from ._keys import KEY_IS_ID, key as _key, key_of_address
from ._safe import type_name, type_dict, _type_mro_get, _type_bases_get, _type_base_get, \
    _type_name_get, _type_qualname_get, is_heap_type

WEAK = 1
# Strong, but never part of a root path, and keeps its target alive only when nothing
# else refers to it: references to the namespace code runs in (a frame's f_globals and
# f_builtins, a function's __globals__ and __builtins__). A module's globals belong to
# the module, not to every frame and function that reads them.
NAMESPACE = 2
UNLABELLED = "<unlabelled>"

_get_referents = gc.get_referents
_is_tracked = gc.is_tracked
_ref_call = __import__("weakref").ref.__call__
_ModuleType = __import__("types").ModuleType


def instance_labels(o, t, p, refs):
    """Labels of a plain instance's referents ``refs`` (its slots, its ``__dict__``
    or, on 3.11+, its inline attribute values, and its class), in their order."""
    labels = None
    keep = None        # values read for labelling stay alive while their ids are compared
    if p.readers:
        labels = {}
        keep = []
        _read(o, t, p.readers, labels, keep)
    if p.probes and _safe.instance_dict_str_keyed(o):   # else a probe compares user keys
        if labels is None:
            labels = {}
        if keep is None:
            keep = []
        if p.probe_seen < PROBE_TRIAL:
            _probe(o, p, labels, keep)
        else:
            try:
                got = tuple(map(_obj_getattribute, repeat(o, len(p.probes)), p.probes))
            except Exception:
                got = None
            if got is not None:
                keep.append(got)
                for k, label in zip(map(id, got), p.probe_labels):
                    add_label(labels, k, label)
            else:
                _probe(o, p, labels, keep)
    if MATERIALIZE and p.dict_getter is not None:
        for r in refs:
            if r is not t and (labels is None or id(r) not in labels):
                if labels is None:
                    labels = {}
                keep = _materialized_labels(o, t, p, labels)
                break
    seen_dict = not p.dict_rule
    # The class is the last referent a heap type's instance visits (subtype_traverse
    # visits it after the slots and the dict or inline values): that position is
    # .__class__ even when an attribute holds the class too (self.kind = A), and an
    # earlier occurrence of the class is never .__class__ by value alone.
    class_at = -1
    if p.class_edge:
        for j in range(len(refs) - 1, -1, -1):
            if refs[j] is t:
                class_at = j
                break
    out = []
    for j, r in enumerate(refs):
        if j == class_at:
            out.append(".__class__")
            continue
        label = labels.get(id(r)) if labels is not None else None
        if type(label) is list:
            label = label.pop(0) if len(label) > 1 else label[0]
        if label is None:
            if r is t and class_at < 0:
                label = ".__class__"
            elif not seen_dict and type(r) is dict:
                label = ".__dict__"
                seen_dict = True
            else:
                label = UNLABELLED
        out.append(label)
    return out


def _read(o, t, readers, labels, keep):
    """Label the values the plan's C descriptors read (a slot, a stored field)."""
    for label, get in readers:
        try:
            v = get(o, t)
        except Exception:
            continue
        keep.append(v)
        add_label(labels, id(v), label)


def generic_edges(o, t, p, i, walk, out_objs, out_labels, out_kinds):
    """Append every edge of object ``i`` (any GENERIC object) to the three lists:
    its referents, labelled, then the extra edges tp_traverse does not visit.
    Weak references to objects known only by address go to ``walk.pending_weak``;
    a dict subclass's keys get their ids at once (``walk.resolve``) for ``@<id>``."""
    refs = _get_referents(o) if p.gc else []
    labels = {}
    keep = []          # values read for labelling stay alive while their ids are compared
    _read(o, t, p.readers, labels, keep)
    extras = []
    for label, get, kind in p.extras:
        try:
            v = get(o, t)
        except Exception:
            continue
        extras.append((label, v, kind))
    if p.class_edge:
        labels.setdefault(id(t), ".__class__")
    if p.probes:
        _probe(o, p, labels, keep)
    special = p.special
    if special is not None:
        _SPECIALS[special](o, t, p, refs, labels, extras, keep)
    if p.is_type:
        _type_edges(o, labels, extras, keep)
    elif p.is_frame:
        _frame_edges(o, refs, labels, extras)
    if p.items_base:
        items = list(dict.items(o))
        keep.append(items)
        key_ids = walk.resolve([key for key, _ in items], False)
        for (key, value), kd in zip(items, key_ids):
            if kd >= 0:
                # "@?<key>" where the id is a key: the writer spells the dense id
                add_label(labels, id(value), ("@?%d" if kd >= KEY_IS_ID else "@%d") % kd)
                add_label(labels, id(key), "<key>")
                extras.append(("<key>", key, 0))
    elif p.seq_base is not None:
        items = list(p.seq_base.__iter__(o))
        keep.append(items)
        fields = p.fields
        for j, v in enumerate(items):
            if fields is not None and j < len(fields):
                add_label(labels, id(v), "." + fields[j])
            else:
                add_label(labels, id(v), str(j))
    elif p.set_base is not None:
        for v in p.set_base.__iter__(o):
            keep.append(v)
            labels.setdefault(id(v), "*")

    seen_dict = not p.dict_rule
    referent_ids = set() if extras else None
    for r in refs:
        k = id(r)
        if referent_ids is not None:
            referent_ids.add(k)
        label = labels.get(k)
        kind = 0
        if type(label) is list:
            label = label.pop(0) if len(label) > 1 else label[0]
        if label is None:
            if not seen_dict and type(r) is dict:
                label = ".__dict__"
                seen_dict = True
            elif p.is_type and type(r) is _ModuleType:
                label = ".<module>"
            else:
                label = UNLABELLED
        elif p.namespace_refs and label in _NAMESPACE_LABELS:
            kind = NAMESPACE
        out_objs.append(r)
        out_labels.append(label)
        out_kinds.append(kind)
    for label, v, kind in extras:
        if kind == WEAK and type(v) is _Address:
            walk.pending_weak.append((i, v.key))
            continue
        if kind != WEAK and referent_ids is not None and id(v) in referent_ids:
            continue
        out_objs.append(v)
        out_labels.append(label)
        out_kinds.append(kind)


def add_label(labels, k, label):
    """Label object ``k``; an object held in several fields gets each label once,
    handed out in turn to its occurrences among the referents."""
    cur = labels.get(k)
    if cur is None:
        labels[k] = label
    elif type(cur) is list:
        if label not in cur:
            cur.append(label)
    elif cur != label:
        labels[k] = [cur, label]


_obj_getattribute = object.__getattribute__


PROBE_TRIAL = 16

# True only in a forked child (spawn_dump, os.fork): there, reading an instance's
# __dict__ may materialise it, because the parent process never sees the change.
MATERIALIZE = False


def _materialized_labels(o, t, p, labels):
    """Forked child, 3.11+: label inline values from the instance's own dict
    (read after get_referents, so the new dict object is never recorded)."""
    try:
        d = p.dict_getter(o, t)
    except Exception:
        return None
    if type(d) is not dict:
        return None
    items = list(dict.items(d))
    for key, v in items:
        if type(key) is str:
            add_label(labels, id(v), "." + key)
    return items


def _probe(o, p, labels, keep):
    """3.11+ inline instance values: read candidate names with
    ``object.__getattribute__`` (no ``__getattr__``, no ``__dict__`` materialised).
    After PROBE_TRIAL instances, names that never hit are dropped; then all names
    are read in one C-level ``map`` while every instance has them all."""
    names = p.probes
    hits = p.probe_hits
    for j in range(len(names)):
        name = names[j]
        try:
            v = _obj_getattribute(o, name)
        except Exception:
            continue
        hits[j] += 1
        keep.append(v)
        add_label(labels, id(v), "." + name)
    if p.probe_seen < PROBE_TRIAL:
        p.probe_seen += 1
        if p.probe_seen == PROBE_TRIAL:
            p.probes = tuple(n for n, h in zip(names, hits) if h)
            p.probe_hits = [h for h in hits if h]
            p.probe_labels = tuple("." + n for n in p.probes)


def _type_edges(tp, labels, extras, keep):
    proxy = type_dict(tp)
    inner = _get_referents(proxy)
    if inner:
        extras.append((".__dict__", inner[0], 0))
        labels.setdefault(id(inner[0]), ".__dict__")
    for label, get in ((".__mro__", _type_mro_get), (".__bases__", _type_bases_get),
                       (".__base__", _type_base_get)):
        try:
            v = get(tp)
        except Exception:
            continue
        if v is not None:
            extras.append((label, v, 0))
            labels.setdefault(id(v), label)
    if is_heap_type(tp):
        for label, get in ((".__name__", _type_name_get), (".__qualname__", _type_qualname_get)):
            v = get(tp)
            extras.append((label, v, 0))
            labels.setdefault(id(v), label)


_f_globals = _plans.types.FrameType.__dict__["f_globals"].__get__
_f_builtins = _plans.types.FrameType.__dict__["f_builtins"].__get__
_f_code = _plans.types.FrameType.__dict__["f_code"].__get__
_f_back = _plans.types.FrameType.__dict__["f_back"].__get__


_GLOBALS = ".f_globals"
_BUILTINS = ".f_builtins"
# the labels of NAMESPACE referents (frames up to 3.10 report their globals as referents)
_NAMESPACE_LABELS = frozenset((_GLOBALS, _BUILTINS, ".__globals__", ".__builtins__"))


def globals_of(frame):
    try:
        return _f_globals(frame)
    except Exception:
        return None


def _frame_edges(frame, refs, labels, extras):
    for label, get, kind in ((".f_back", _f_back, 0), (".f_code", _f_code, 0),
                             (_GLOBALS, _f_globals, NAMESPACE),
                             (_BUILTINS, _f_builtins, NAMESPACE)):
        try:
            v = get(frame)
        except Exception:
            continue
        if v is not None:
            extras.append((label, v, kind))
            labels.setdefault(id(v), label)
    own, pairs, extra = _framelocals.read_frame(frame, refs)
    if own is not None and own is not globals_of(frame):
        # a module-level frame's locals are its globals, which belong to the module
        # (the .f_globals edge above keeps them, as it does for every frame)
        if extra:
            extras.append((".f_locals", own, 0))
        labels.setdefault(id(own), ".f_locals")
    _label_locals(pairs, extra, labels, extras)


def _label_locals(pairs, extra, labels, extras):
    for name, v in pairs:
        label = ".locals[%r]" % name
        if extra:
            extras.append((label, v, 0))
        add_label(labels, id(v), label)


def _proxy_dict(o, t, p, refs, labels, extras, keep):
    if refs:
        labels[id(refs[0])] = ".<proxied_dict>"


def _lru(o, t, p, refs, labels, extras, keep):
    try:
        inst = p.dict_getter(o, t)
    except Exception:
        inst = None
    if type(inst) is dict:
        keep.append(inst)
        labels[id(inst)] = ".__dict__"
        wrapped = _safe.str_lookup(inst, "__wrapped__")
        if wrapped is not None:
            labels.setdefault(id(wrapped), ".__wrapped__")
    for r in refs:
        k = id(r)
        if k in labels:
            continue
        if type(r) is dict:
            labels[k] = ".<cache>"
        elif issubclass(type(r), type):
            labels[k] = ".<cache_info_type>" if type_name(r) == "CacheInfo" else ".<internal type>"
        else:
            labels[k] = ".<cache_entry>"


def _weakref(o, t, p, refs, labels, extras, keep):
    try:
        target = _ref_call(o)
    except Exception:
        return
    if target is None:
        return
    # by key, not as an object: a weak edge never records its target (a weakly
    # held object is in the dump only if something else reaches it)
    extras.append(("()", _Address(_key(target)), WEAK))


def _weakproxy(o, t, p, refs, labels, extras, keep):
    # The referent is read from the proxy type's own C repr (its address),
    # and only linked if the walk records an object at that address.
    try:
        text = t.__repr__(o)
    except Exception:
        return
    at = text.rfind(" at 0x")
    if at > 0 and text.endswith(">"):
        try:
            extras.append(("()", _Address(key_of_address(int(text[at + 6:-1], 16))), WEAK))
        except ValueError:
            pass


class _Address(object):
    """A weak edge's referent known by its key; resolved after the walk."""
    __slots__ = ("key",)

    def __init__(self, k):
        self.key = k


def _generator(o, t, p, refs, labels, extras, keep):
    # Up to 3.10 a suspended generator's frame is a separate object (its locals are
    # labelled there); from 3.11 the frame lives inside the generator, its locals
    # among the generator's own referents (gi_frame would create a frame object).
    _label_locals(_framelocals.read_generator(o, refs), False, labels, extras)


def _stringio(o, t, p, refs, labels, extras, keep):
    # up to 3.11 the pieces written while accumulating are lists only the C struct holds
    for pieces in _external.stringio_accumulated(o):
        extras.append((".<accumulated>", pieces, 0))


def _task(o, t, p, refs, labels, extras, keep):
    """An asyncio Task's name and context have no attribute to read them by (only
    methods); they are its unlabelled str and contextvars.Context referents."""
    for r in refs:
        if id(r) in labels:
            continue
        name = type_name(type(r))
        if name == "Context":
            labels[id(r)] = "._context"
        elif type(r) is str or type(r) is int:    # 3.13 keeps a default name as its number
            labels[id(r)] = "._name"


def _property(o, t, p, refs, labels, extras, keep):
    # 3.10+ keeps the name __set_name__ gave it in a C field with no attribute
    for r in refs:
        if type(r) is str and id(r) not in labels:
            labels[id(r)] = ".<name>"


def _function(o, t, p, refs, labels, extras, keep):
    """A function's __dict__ and __annotations__ are read by getters that would
    create them; tell them apart among the unlabelled referents instead:
    tp_traverse visits the dict before the annotations, 3.10+ may keep the
    annotations as a tuple, and an annotations dict is keyed by parameter names."""
    left = [r for r in refs if id(r) not in labels and (type(r) is dict or type(r) is tuple)]
    if not left:
        return
    if len(left) == 2:
        labels[id(left[0])] = ".__dict__"
        labels[id(left[1])] = ".__annotations__"
        return
    r = left[0]
    if type(r) is tuple:
        labels[id(r)] = ".__annotations__"
        return
    try:
        names = set(_co_varnames_of(o)) | {"return"}
        keys = list(dict.keys(r))
    except Exception:
        return
    if keys and all(type(k) is str and k in names for k in keys):
        labels[id(r)] = ".__annotations__"
    else:
        labels[id(r)] = ".__dict__"


_fn_code = _plans.types.FunctionType.__dict__["__code__"].__get__
_co_varnames = _plans.types.CodeType.__dict__.get("co_varnames")


def _co_varnames_of(fn):
    code = _fn_code(fn)
    if type(_co_varnames) is _plans.MemberDescriptor:
        return _co_varnames.__get__(code)
    return code.co_varnames        # 3.11+: computed from the code's own fields (C)


_SPECIALS = {
    "property": _property,
    "function": _function,
    "task": _task,
    "proxy_dict": _proxy_dict,
    "lru": _lru,
    "weakref": _weakref,
    "weakproxy": _weakproxy,
    "generator": _generator,
    "stringio": _stringio,
}
