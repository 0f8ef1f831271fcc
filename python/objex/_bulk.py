"""Edge handlers: one call per batch of objects of one plan (see _walker.run).

Lists, tuples, sets, dicts and plain instances are read with a few C-level
passes over the whole batch; where another thread may run (not ``walk.alone``),
each read that must be consistent (a container another thread may mutate) is one
C call, so no other thread runs in between.
Their labels are implied (an index, ``*``, the key's id, an attribute layout) and
spelled out by the writer. Everything else goes one object at a time through
_labels and gets explicit labels.
"""

import gc
from itertools import chain, compress, repeat
from operator import attrgetter, eq, is_, itemgetter, mul, not_

from . import _labels, _managed_dict
from ._plans import LEAF, SEQ, DICT, SET, GENERIC, INSTANCE

_get_referents = gc.get_referents
_obj_getattribute = object.__getattribute__
LAYOUT_MISSES = 8      # batches whose instances break the learnt layout before it is dropped
ITEMS = 1 << 14        # references per record: bounds the walk's and the writer's temporaries
                       # (a 1 << 17 record of index-labelled edges cost the writer ~30 MiB)


def seq(walk, p, src, batch):
    """Exact lists and tuples: referents in index order."""
    _items(walk, src, batch, walk.out.seq, _index_labels)


def members(walk, p, src, batch):
    """Exact sets and frozensets."""
    _items(walk, src, batch, walk.out.members, _member_labels)


def _items(walk, src, batch, emit, labels):
    # Where no other thread runs (walk.alone), the containers are read as they are,
    # their lengths, then their items: no tuple per container. The totals must agree
    # (a signal handler of the program runs between two passes as any thread would);
    # elsewhere, and for a batch in pieces, each container is read once, into a tuple.
    if walk.alone:
        counts = list(map(len, batch))
        total = sum(counts)
        if total <= ITEMS:
            refs = list(chain.from_iterable(batch))
            if len(refs) == total:
                dst = walk.resolve(refs, True)
                del refs
                emit(src, counts, dst)
                return
            del refs
    snap = list(map(tuple, batch))
    counts = list(map(len, snap))
    if sum(counts) > ITEMS:
        _in_pieces(walk, src, snap, counts, emit, labels)
        return
    refs = list(chain.from_iterable(snap))
    del snap
    dst = walk.resolve(refs, True)
    del refs
    emit(src, counts, dst)


def entries(walk, p, src, batch):
    """Exact dicts: an edge to each key and to each value. Keys always keep their
    id-map entry: a split-table key has one reference for many dicts."""
    if walk.alone:
        # no other thread runs: the keys and the values in two passes, no tuples
        # (whose totals must agree, as in _items)
        counts = list(map(mul, map(len, batch), repeat(2)))
        total = sum(counts)
        if total <= 2 * ITEMS:
            keys = list(chain.from_iterable(map(dict.keys, batch)))
            values = list(chain.from_iterable(map(dict.values, batch)))
            if len(keys) == len(values) == total // 2:
                _resolve_entries(walk, src, counts, keys, values)
                return
            del keys, values
    snap = list(map(tuple, map(chain.from_iterable, map(dict.items, batch))))
    counts = list(map(len, snap))
    if sum(counts) > 2 * ITEMS:
        for a, b, flat, start in _chunks(snap, counts, 2 * ITEMS):
            if start is None:
                _entries(walk, src[a:b], counts[a:b], flat)
            else:
                _entries(walk, [src[a]], [len(flat)], flat)
        return
    flat = list(chain.from_iterable(snap))
    del snap
    _entries(walk, src, counts, flat)


def _entries(walk, src, counts, flat):
    keys, values = flat[0::2], flat[1::2]
    del flat
    _resolve_entries(walk, src, counts, keys, values)


def _resolve_entries(walk, src, counts, keys, values):
    key_ids = walk.resolve(keys, False)
    del keys
    value_ids = walk.resolve(values, True)
    del values
    walk.out.entries(src, counts, key_ids, value_ids)


def _chunks(snap, counts, budget):
    """The batch's referents in pieces of up to ``budget``: (a, b, refs, None) for
    the objects a..b-1 together, or (a, a + 1, refs, start) for a slice of one object
    that holds more on its own. (``snap`` stays alive meanwhile, so no object is
    taken for reached the last time.)"""
    a = total = 0
    for b, c in enumerate(counts + [budget + 1]):     # a sentinel flushes the last piece
        if total and total + c > budget:
            yield a, b, list(chain.from_iterable(snap[a:b])), None
            a, total = b, 0
        if c > budget and b < len(counts):
            for start in range(0, c, budget):
                yield b, b + 1, list(snap[b][start:start + budget]), start
            a = b + 1
            continue
        total += c


def _in_pieces(walk, src, snap, counts, emit, labels):
    """A batch of lists or sets with more references than one record should hold."""
    for a, b, refs, start in _chunks(snap, counts, ITEMS):
        if start is None:
            emit(src[a:b], counts[a:b], walk.resolve(refs, True))
        else:
            walk.out.explicit([src[a]] * len(refs), walk.resolve(refs, True),
                              labels(start, len(refs)), None)


def _index_labels(start, n):
    return list(map(str, range(start, start + n)))


def _member_labels(start, n):
    return ["*"] * n


def instances(walk, p, src, batch):
    """Plain instances: by the type's learnt layout where the instances hold it,
    else one by one (which learns the layout)."""
    refs = list(map(_get_referents, batch))
    if p.inline_values:
        dicts = _managed_dict.materialized(batch)
        if dicts is not None:          # a few have a __dict__ sharing their values
            has = [d is not None for d in dicts]
            d_src, d_batch, d_refs, d_dicts = _select(has, src, batch, refs, dicts)
            _instances_one_by_one(walk, p, d_src, d_batch,
                                  list(map(_managed_dict.with_dict, d_refs, d_dicts)))
            del d_batch, d_refs, d_dicts
            src, batch, refs = _select(list(map(not_, has)), src, batch, refs)
            if not batch:
                return
    if p.layout is not None:
        lens = list(map(len, refs))
        if lens.count(len(p.layout)) < len(lens):    # some have another set of attributes: one by one
            fits = list(map(eq, lens, repeat(len(p.layout))))
            _instances_one_by_one(walk, p, *_select(list(map(not_, fits)), src, batch, refs))
            src, batch, refs = _select(fits, src, batch, refs)
            if not batch:
                return
        if _layout_holds(p, batch, refs, walk.alone):
            flat = list(chain.from_iterable(refs))
            del refs
            dst = _layout_ids(walk, p, flat)
            del flat
            walk.out.layout(src, p.layout, dst)
            return
        _missed(p)
    _instances_one_by_one(walk, p, src, batch, refs)


def _layout_ids(walk, p, flat):
    """The ids of a batch's referents in layout order. Where the layout checks the
    class in the last position (where CPython's traversal puts it), that column is
    ``p.tid``, not looked up: every instance's class was found to be ``p.tp``."""
    width = len(p.layout)
    how, j, _ = p.layout_checks[-1]
    if how != 0 or j != width - 1 or width == 1:
        return walk.resolve(flat, True)
    del flat[j::width]
    rest = walk.resolve(flat, True)
    dst = [p.tid] * (len(rest) + len(rest) // j)
    for k in range(j):
        dst[k::width] = rest[k::j]
    return dst


def _select(mask, *lists):
    return tuple(list(compress(values, mask)) for values in lists)


def _missed(p):
    """A batch broke the layout: learn it again from the next instance, up to a limit."""
    p.layout = None
    p.layout_misses += 1


def _instances_one_by_one(walk, p, src, batch, refs):
    t = p.tp
    out_src, out_objs, out_labels = [], [], []
    for i, o, r in zip(src, batch, refs):
        labels = _labels.instance_labels(o, t, p, r)
        out_src += repeat(i, len(r))
        out_objs += r
        out_labels += labels
        if p.layout is None and p.layout_misses < LAYOUT_MISSES:
            _learn_layout(p, t, r, labels)
    del refs, r
    dst = walk.resolve(out_objs, True)
    del out_objs
    walk.out.explicit(out_src, dst, out_labels, None)


def _learn_layout(p, t, refs, labels):
    """Take one instance's labelled referents as the layout of its type, if every
    position can be checked in bulk: the class by identity, the ``__dict__`` by type,
    a slot through its member descriptor, an inline value by name."""
    # Where two positions hold one object, which label is which is a guess: a wrong
    # guess fails on the next batch with distinct values (a miss) and is learnt again.
    if not refs:
        # nothing to check in bulk (a C type whose traversal visits nothing): one by one
        p.layout_misses += 1
        return
    getters = dict(p.readers)
    checks = []
    for j, (r, label) in enumerate(zip(refs, labels)):
        if label == ".__class__" and r is t:
            checks.append((0, j, None))
        elif label == ".__dict__" and type(r) is dict:
            checks.append((1, j, None))
        elif label in getters:
            checks.append((2, j, getters[label]))
        elif label[1:] in p.probe_names:
            checks.append((3, j, label[1:]))
        else:
            p.layout_misses += 1
            return
    p.layout = tuple(labels)
    p.layout_checks = tuple(checks)


def _layout_holds(p, batch, refs, alone):
    """True when position j of every instance's referents is what the layout says.
    An inline value is read through ``attrgetter`` (no slot-wrapper call per
    instance) where that reads it as ``object.__getattribute__`` would: the class
    has no ``__getattribute__`` or ``__getattr__`` of its own, the name is plain
    (attrgetter reads "a.b" as a, then its b), and the walk is ``alone`` (no other
    thread can have given an instance another class since the batch was formed)."""
    t = p.tp
    try:
        for how, j, arg in p.layout_checks:
            column = map(itemgetter(j), refs)
            if how == 0:
                ok = all(map(is_, column, repeat(t)))
            elif how == 1:
                ok = all(map(is_, map(type, column), repeat(dict)))
            elif how == 2:
                ok = all(map(is_, map(arg, batch, repeat(t)), column))
            elif alone and p.generic_getattr and "." not in arg:
                ok = all(map(is_, map(attrgetter(arg), batch), column))
            else:
                ok = all(map(is_, map(_obj_getattribute, batch, repeat(arg)), column))
            if not ok:
                return False
    except Exception:          # a slot or an attribute is missing on some instance
        return False
    return True


def generic(walk, p, src, batch):
    """Any other object, one at a time (_labels.generic_edges)."""
    t = p.tp
    for kind, ids in ((p.is_type, walk.types), (p.is_module, walk.modules),
                      (p.is_frame, walk.frames), (p.is_code, walk.codes),
                      (p.is_function, walk.functions), (p.is_generator, walk.generators)):
        if kind:
            ids.extend(src)
    out_src, out_objs, out_labels, out_kinds = [], [], [], []
    edges = _labels.generic_edges
    for i, o in zip(src, batch):
        n = len(out_objs)
        edges(o, t, p, i, walk, out_objs, out_labels, out_kinds)
        out_src += repeat(i, len(out_objs) - n)
        if len(out_objs) > ITEMS:
            walk.out.explicit(out_src, walk.resolve(out_objs, False), out_labels, out_kinds)
            out_src, out_objs, out_labels, out_kinds = [], [], [], []
    del o
    dst = walk.resolve(out_objs, False)
    del out_objs
    walk.out.explicit(out_src, dst, out_labels, out_kinds)


def _leaf(walk, p, src, batch):
    raise AssertionError("leaf objects have no edges to walk")


HANDLERS = {LEAF: _leaf, SEQ: seq, SET: members, DICT: entries, INSTANCE: instances,
            GENERIC: generic}
