"""The graph walk: every object reachable from the roots, once, with every edge.

Algorithm: breadth-first search where the list of discovered objects is itself the
queue (object ``i`` is processed when the cursor reaches ``i``), so there is no
recursion and no separate stack, and dense ids are discovery order. An ``id() ->
dense id`` dict dedups; the collector's own bookkeeping objects are pre-seeded in
it with id -1 and are never recorded nor followed. Cost: O(objects + references)
dict lookups; memory: the discovered-objects list (8 B/object), the dict
(about 100 B/object) and one bounded batch of rows.

Rows go to ``sink`` in batches (``sink.objects(rows)``, ``sink.references(rows)``).
"""

import gc
import sys

from . import _plans
from itertools import repeat

from . import _scalars
from ._plans import LEAF, SEQ, DICT, SET, INSTANCE, make_plan
from ._safe import type_name, type_dict, _type_mro_get, _type_bases_get, _type_base_get, \
    _type_name_get, _type_qualname_get, is_heap_type
from ._scalars import scalar_value

IDX_CACHE = 4096       # index labels kept as shared strings; longer sequences make their own
BATCH = 10000          # rows per message to the writer: larger batches only cost peak memory
WEAK = 1
NOT_ROOT = 2           # a frame's f_globals / f_builtins: strong, never part of a root path
UNLABELLED = "<unlabelled>"
IMMORTAL_MIN = 1 << 31  # 3.12+: refcounts at or above this mark immortal objects

_get_referents = gc.get_referents
_is_tracked = gc.is_tracked
_getrefcount = sys.getrefcount
_getsizeof = sys.getsizeof
_object_sizeof = object.__sizeof__
_ref_call = __import__("weakref").ref.__call__
_deque = __import__("collections").deque
_ModuleType = __import__("types").ModuleType


class Graph(object):
    """What the walk leaves behind for the table writers: dense ids by address,
    and the interesting objects (types, modules, frames, code, functions) by id."""

    def __init__(self):
        self.ids = {}
        self.objs = None
        self.types = []       # dense ids of type objects
        self.modules = []
        self.frames = []
        self.codes = []
        self.functions = []
        self.pending_weak = []  # (src id, address) of weakproxies, resolved after the walk
        self.object_count = 0
        self.reference_count = 0


def walk(gc_objects, extra_roots, skip, held, frame_locals, sink, shared_dicts=()):
    """Walk from ``gc_objects`` (becoming ids 0..len-1) then ``extra_roots``.

    ``skip``: ids of bookkeeping objects never to record; ``held``: id -> number of
    references the collector itself holds (subtracted from refcounts);
    ``frame_locals``: id(frame) -> {name: value} snapshots taken before a fork;
    ``shared_dicts``: ids of dicts that are also a running frame's locals (module
    and class bodies): their values are reached twice, so they always get an
    id-map entry.
    """
    g = Graph()
    ids = g.ids
    for k in skip:
        ids[k] = -1
    # The gc list itself becomes the list of recorded objects (no second copy):
    # bookkeeping objects are taken out of it first.
    objs = gc_objects
    for j in [j for j, o in enumerate(objs) if id(o) in skip][::-1]:
        del objs[j]
    objs_append = objs.append
    for o in objs:
        ids[id(o)] = len(ids)
    n_gc = len(objs)
    if skip:
        # ids so far were counted from the skipped entries: renumber from 0
        for j, o in enumerate(objs):
            ids[id(o)] = j
    for o in extra_roots:
        k = id(o)
        if k not in ids:
            ids[k] = len(objs)
            objs_append(o)
    g.objs = objs
    ids_get = ids.get

    plans = {}
    plans_get = plans.get
    idx = [str(i) for i in range(1024)]
    obj_rows = []
    rows_append = obj_rows.append
    ref_rows = []
    refs_append = ref_rows.append
    held_get = held.get
    n_refs = 0
    # refcount correction: the objs list, the loop variable and getrefcount's argument
    base_refs = 3
    cut = _scalars.MAX_CHARS
    ellipsis = _scalars.ELLIPSIS
    # the hot loop reads these as locals, not globals
    M_LEAF, M_SEQ, M_DICT, M_INSTANCE, M_SET = LEAF, SEQ, DICT, INSTANCE, SET
    getrefcount, getsizeof, is_tracked, immortal_min = _getrefcount, _getsizeof, _is_tracked, IMMORTAL_MIN
    instance, dict_entries, generic = _instance, _dict_entries, _generic

    i = -1
    for o in objs:
        i += 1
        t = type(o)
        tk = id(t)
        p = plans_get(tk)
        if p is None:
            p = plans[tk] = make_plan(t)
            tid = ids_get(tk)
            if tid is None:
                tid = ids[tk] = len(objs)
                objs_append(t)
            p.tid = tid
        k = id(o)
        rc = getrefcount(o)
        if rc >= immortal_min:
            immortal = 1
        else:
            immortal = 0
            rc -= base_refs
            if held:
                rc -= held_get(k, 0)
        if p.sizeof_safe:
            try:
                size = getsizeof(o)
            except Exception:
                size = _object_sizeof(o)
        else:
            size = _object_sizeof(o) + (16 if p.gc else 0)
        mode = p.mode
        sc = p.scalar
        if sc is None:
            value = None
            ln = None
            if p.len_fn is not None:
                try:
                    ln = p.len_fn(o)
                except Exception:
                    pass
        elif sc is str:
            ln = len(o)
            value = o if ln <= cut else o[:cut] + ellipsis
        else:
            ln = len(o) if sc is bytes else None
            value = scalar_value(o, sc)
        if i < n_gc:
            rows_append((i, p.tid, size, ln, rc, 1, 1, k, value, immortal))
        else:
            rows_append((i, p.tid, size, ln, rc, 0, 1 if is_tracked(o) else 0, k, value, immortal))

        if mode == M_LEAF:
            pass
        elif mode == M_SEQ:
            # iterate the container itself: tp_traverse visits lists and tuples
            # backwards, and indices are what a reader wants
            refs = o
            if len(refs) > len(idx) and len(idx) < IDX_CACHE:
                idx.extend(str(j) for j in range(len(idx), min(len(refs), IDX_CACHE)))
            short = len(refs) <= len(idx)
            j = 0
            for r in refs:
                k = id(r)
                d = ids_get(k)
                if d is None:
                    # held by this container alone (+ loop variable + argument): it
                    # cannot be met again, so it needs no entry in the id map
                    if getrefcount(r) == 3 and not is_tracked(r):
                        d = len(objs)
                    else:
                        d = ids[k] = len(objs)
                    objs_append(r)
                if d >= 0:
                    refs_append((i, d, idx[j] if short or j < IDX_CACHE else str(j), 0))
                j += 1
            n_refs += j
        elif mode == M_DICT:
            n_refs += dict_entries(o, i, ids, objs, refs_append, k not in shared_dicts)
        elif mode == M_INSTANCE:
            n_refs += instance(o, t, p, i, ids, objs, refs_append)
        elif mode == M_SET:
            for r in _get_referents(o):
                k = id(r)
                d = ids_get(k)
                if d is None:
                    if getrefcount(r) == 4 and not is_tracked(r):    # + the referents list
                        d = len(objs)
                    else:
                        d = ids[k] = len(objs)
                    objs_append(r)
                if d >= 0:
                    refs_append((i, d, "*", 0))
                    n_refs += 1
        else:
            if p.is_type:
                g.types.append(i)
            elif p.is_module:
                g.modules.append(i)
            elif p.is_frame:
                g.frames.append(i)
            elif p.is_code:
                g.codes.append(i)
            elif p.is_function:
                g.functions.append(i)
            n_refs += generic(o, t, p, i, ids, objs, refs_append, frame_locals, g)

        if not i & 4095:
            if len(ref_rows) >= BATCH:
                sink.references(ref_rows)
                del ref_rows[:]
            if len(obj_rows) >= BATCH:
                sink.objects(obj_rows)
                del obj_rows[:]
    sink.objects(obj_rows)
    sink.references(ref_rows)
    g.object_count = len(objs)
    g.reference_count = n_refs
    return g


def _instance(o, t, p, i, ids, objs, refs_append):
    """A plain instance of a class (the common case, kept fast): its slots, its
    ``__dict__`` (or, on 3.11+, its inline attribute values) and its class."""
    refs = _get_referents(o)
    labels = None
    if p.readers:
        labels = {}
        for label, get in p.readers:
            try:
                v = get(o, t)
            except Exception:
                continue
            labels.setdefault(id(v), label)
    keep = None
    if p.probes:
        if p.probe_seen < PROBE_TRIAL:
            if labels is None:
                labels = {}
            keep = []
            _probe(o, p, labels, keep)
        else:
            try:
                keep = tuple(map(_obj_getattribute, repeat(o, len(p.probes)), p.probes))
            except Exception:
                keep = None
            if keep is not None:
                if labels is None:
                    labels = dict(zip(map(id, keep), p.probe_labels))
                else:
                    for k, label in zip(map(id, keep), p.probe_labels):
                        labels.setdefault(k, label)
            else:
                if labels is None:
                    labels = {}
                keep = []
                _probe(o, p, labels, keep)
    if MATERIALIZE and p.dict_getter is not None:
        for r in refs:
            if r is not t and (labels is None or id(r) not in labels):
                if labels is None:
                    labels = {}
                keep = _materialized_labels(o, t, p, labels)
                break
    ids_get = ids.get
    seen_dict = not p.dict_rule
    n = 0
    for r in refs:
        k = id(r)
        label = labels.get(k) if labels is not None else None
        if type(label) is list:
            label = label.pop(0) if len(label) > 1 else label[0]
        if label is None:
            if r is t:
                label = ".__class__"
            elif not seen_dict and type(r) is dict:
                label = ".__dict__"
                seen_dict = True
            else:
                label = UNLABELLED
        d = ids_get(k)
        if d is None:
            if _getrefcount(r) == 4 and not _is_tracked(r):     # held by this instance alone
                d = len(objs)
            else:
                d = ids[k] = len(objs)
            objs.append(r)
        if d >= 0:
            refs_append((i, d, label, 0))
            n += 1
    return n


def _dict_entries(o, i, ids, objs, refs_append, single_ok=True):
    """Entries of a dict (exact or a subclass's storage): value edge ``@<key id>``
    and key edge ``<key>``. ``dict.items`` is C iteration; if another thread
    resizes the dict mid-way the entries are re-read from an atomic copy."""
    try:
        items = dict.items(o)
        return _add_items(items, i, ids, objs, refs_append, single_ok)
    except RuntimeError:
        return _add_items(list(dict.items(o)), i, ids, objs, refs_append, single_ok)


def _add_items(items, i, ids, objs, refs_append, single_ok):
    ids_get = ids.get
    objs_append = objs.append
    n = 0
    # An object held only by this dict has refcount 4 here: the dict, the items
    # tuple the iterator keeps, the loop variable and getrefcount's argument.
    # Key and value are handled by the same lines written out twice on purpose:
    # a helper function would add references (shifting that 4) and a call per
    # entry on the hottest loop of the walk.
    for key, value in items:
        k = id(key)
        kd = ids_get(k)
        if kd is None:
            if single_ok and _getrefcount(key) == 4 and not _is_tracked(key):
                kd = len(objs)
            else:
                kd = ids[k] = len(objs)
            objs_append(key)
        k = id(value)
        d = ids_get(k)
        if d is None:
            if single_ok and _getrefcount(value) == 4 and not _is_tracked(value):
                d = len(objs)
            else:
                d = ids[k] = len(objs)
            objs_append(value)
        if kd >= 0:
            refs_append((i, kd, "<key>", 0))
            n += 1
        if d >= 0:
            refs_append((i, d, "@%d" % kd, 0))
            n += 1
    return n


def _generic(o, t, p, i, ids, objs, refs_append, frame_locals, g):
    """Label the referents of any other object, plus its extra edges."""
    refs = _get_referents(o) if p.gc else []
    labels = {}
    keep = []          # values read for labelling stay alive while their ids are compared
    for label, get in p.readers:
        try:
            v = get(o, t)
        except Exception:
            continue
        keep.append(v)
        add_label(labels, id(v), label)
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
        _frame_edges(o, labels, extras, keep, frame_locals)
    if p.items_base:
        keep.append(list(dict.items(o)))
        for key, value in keep[-1]:
            kd = _ensure(key, ids, objs)
            if kd >= 0:
                add_label(labels, id(value), "@%d" % kd)
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

    n = 0
    ids_get = ids.get
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
        elif label is _GLOBALS or label is _BUILTINS:
            kind = NOT_ROOT
        d = ids_get(k)
        if d is None:
            d = ids[k] = len(objs)
            objs.append(r)
        if d >= 0:
            refs_append((i, d, label, kind))
            n += 1
    for label, v, kind in extras:
        if kind == WEAK and type(v) is _Address:
            g.pending_weak.append((i, v.address))
            continue
        k = id(v)
        if kind != WEAK and referent_ids is not None and k in referent_ids:
            continue
        d = ids_get(k)
        if d is None:
            d = ids[k] = len(objs)
            objs.append(v)
        if d >= 0:
            refs_append((i, d, label, kind))
            n += 1
    return n


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


def _ensure(o, ids, objs):
    k = id(o)
    d = ids.get(k)
    if d is None:
        d = ids[k] = len(objs)
        objs.append(o)
    return d


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


_f_locals = _plans.types.FrameType.__dict__["f_locals"].__get__
_f_globals = _plans.types.FrameType.__dict__["f_globals"].__get__
_f_builtins = _plans.types.FrameType.__dict__["f_builtins"].__get__
_f_code = _plans.types.FrameType.__dict__["f_code"].__get__
_f_back = _plans.types.FrameType.__dict__["f_back"].__get__


def frame_locals_of(frame, frame_locals):
    """The locals of a frame: the snapshot taken before a fork, else f_locals
    (a dict up to 3.12, a proxy copied to a dict on 3.13)."""
    snap = frame_locals.get(id(frame))
    if snap is not None:
        return snap
    try:
        loc = _f_locals(frame)
    except Exception:
        return {}
    if type(loc) is not dict:
        try:
            loc = dict(loc)
        except Exception:
            return {}
    return loc


_GLOBALS = ".f_globals"
_BUILTINS = ".f_builtins"


def globals_of(frame):
    try:
        return _f_globals(frame)
    except Exception:
        return None


def _frame_edges(frame, labels, extras, keep, frame_locals):
    for label, get, kind in ((".f_back", _f_back, 0), (".f_code", _f_code, 0),
                             (_GLOBALS, _f_globals, NOT_ROOT),
                             (_BUILTINS, _f_builtins, NOT_ROOT)):
        try:
            v = get(frame)
        except Exception:
            continue
        if v is not None:
            extras.append((label, v, kind))
            labels.setdefault(id(v), label)
    loc = frame_locals_of(frame, frame_locals)
    if id(frame) not in frame_locals and loc is globals_of(frame):
        return        # a finished module-level frame: its locals are its globals
    keep.append(loc)
    labels.setdefault(id(loc), ".f_locals")
    for name, v in list(loc.items()):
        if type(name) is str:
            label = ".locals[%r]" % name
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
        wrapped = dict.get(inst, "__wrapped__")
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
    if _is_tracked(target):
        extras.append(("()", target, WEAK))
    else:
        # an untracked target may be recorded without an id-map entry: by address
        extras.append(("()", _Address(id(target)), WEAK))


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
            extras.append(("()", _Address(int(text[at + 6:-1], 16)), WEAK))
        except ValueError:
            pass


class _Address(object):
    """A weakproxy's referent known only by address; resolved after the walk."""
    __slots__ = ("address",)

    def __init__(self, address):
        self.address = address


def _generator(o, t, p, refs, labels, extras, keep):
    # Up to 3.10 a suspended generator's frame is a separate object (its locals are
    # labelled there); from 3.11 the locals are the generator's own referents.
    if not _plans.PY311:
        return
    for name in ("gi_frame", "cr_frame", "ag_frame"):
        descr = _plans.mro_lookup(t, name)
        if descr is _plans.MISSING:
            continue
        try:
            frame = descr.__get__(o, t)
        except Exception:
            return
        if frame is None:
            return
        keep.append(frame)
        loc = frame_locals_of(frame, {})
        keep.append(loc)
        for lname, v in list(loc.items()):
            if type(lname) is str:
                labels.setdefault(id(v), ".locals[%r]" % lname)
        return


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
    "proxy_dict": _proxy_dict,
    "lru": _lru,
    "weakref": _weakref,
    "weakproxy": _weakproxy,
    "generator": _generator,
}
