"""Per-object labelling: the label of every reference of one object.

The bulk handlers (_bulk) label whole batches of lists, dicts, sets and plain
instances in C-level passes; everything else comes here one object at a time:
every GENERIC object (types, functions, frames, code, cells, exceptions, ...) and
the instances whose attribute layout is not yet learnt or does not hold. The rules
for types whose descriptors cannot name their references are in _label_rules.

A label is found by matching ``gc.get_referents()`` with values read through C
descriptors (see _plans and _safe), by identity; values that are stored pointers
but are not visited by the type's ``tp_traverse`` become extra edges. Nothing here
calls the program's Python code.
"""

import gc
from itertools import repeat

from . import _safe
from ._edges import NAMESPACE, WEAK, UNLABELLED, Address, add_label
from ._label_rules import NAMESPACE_LABELS

_get_referents = gc.get_referents
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
    if p.special is not None:
        p.special(o, t, p, refs, labels, extras, keep)
    if p.items_base:
        items = list(dict.items(o))
        keep.append(items)
        key_ids = walk.resolve([key for key, _ in items], False)
        for (key, value), kd in zip(items, key_ids):
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
        elif p.namespace_refs and label in NAMESPACE_LABELS:
            kind = NAMESPACE
        out_objs.append(r)
        out_labels.append(label)
        out_kinds.append(kind)
    for label, v, kind in extras:
        if kind == WEAK and type(v) is Address:
            walk.pending_weak.append((i, v.key))
            continue
        if kind != WEAK and referent_ids is not None and id(v) in referent_ids:
            continue
        out_objs.append(v)
        out_labels.append(label)
        out_kinds.append(kind)


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
