"""The graph walk: every object reachable from the roots, once, with every edge.

The work per object is a few C-level passes (``map``, ``zip``, ``chain``) over
batches of objects of one type, not Python bytecode per object; that is what
brings a 1 M-object heap from ~18 s to a few seconds (docs/benchmarks.md).

- ``objs``: every recorded object, dense id = index; it holds them all alive, so
  no address is reused while the walk runs.
- Id maps, keyed by ``key(obj)`` (_keys, a whole list's keys in one C call), to
  dense ids: ``ids`` (_keytable: flat arrays in a forked child, a dict in the
  program's own process) for the gc snapshot and the other objects that can be met
  again, filled at each commit. The collector's own objects (``skip``) resolve to -1
  and are never recorded.
- Discovery (``resolve``): the new objects among a batch's referents get ids now,
  grouped by type into runs of consecutive ids, so a run has one plan. The first
  discovery since a commit fills the batch's ids by position; only when another
  resolve of the same batch follows are its keys and ids made a dict (``fresh``).
- Commit: once the batch's temporaries are gone, a run's refcounts are read (the
  only extra references are ``objs``, the run slice and the call: 3), its object
  rows go out (_rows), and the run joins its plan's queue. An object that a list,
  tuple, set, dict value or instance attribute holds as its only reference cannot
  be met again: it never joins the id map. (Snapshot objects are all in it.)
- Edges: plans with pending runs are served in FIFO order, up to BATCH objects at
  a time, by the handler of the plan's mode (_bulk).

Cost: O(objects + references) C-level steps; memory: ``objs`` (8 B/object), the
map (12-24 B per entry) and one batch of rows.
In spawn_dump's child, add the pages copy-on-write copies as the walk touches
every object's refcount (docs/benchmarks.md, "what a dump costs in memory").
"""

import sys
from collections import defaultdict, deque
from itertools import compress, count, repeat
from operator import is_, ne, not_, setitem

from . import _bulk, _rows
from ._keys import key, keys_of
from ._keytable import MISSING, DictTable, KeyTable
from ._plans import LEAF, make_plan
from ._safe import type_module_name, type_qualname


BATCH = 4096           # objects per handler call (16384 measured ~20% slower at 1 M: the
                       # temporaries leave the cache)
SLICE = 1 << 14        # objects per pass of the snapshot, referents per resolve pass: their
                       # temporaries stay in the cache (1 << 16 measured ~4% slower at 1 M)
SINGLE_HELD = 4        # refcount at commit of an object with one real reference:
                       # that reference, objs, the run slice and the call


_getrefcount = sys.getrefcount
IMMORTAL_FLOOR = 2 ** 31     # 3.12+: a refcount this high marks an immortal object, kept raw


class Walk(object):
    """The state of one walk; after ``run`` it is what the table writers read."""

    def __init__(self, out, buffers=None, compact_ids=False):
        self.out = out                      # _messages.Out: rows and edges to the writer
        # the id map: flat arrays (KeyTable) where memory counts more than time (a forked child), else a dict
        self.table_type = KeyTable if compact_ids else DictTable
        self.buffers = buffers              # _external.DumpBuffers: C buffers __sizeof__ leaves out
        # Whether no other thread runs during the walk. Only then is an object with one real reference
        # reached by none other (where threads go on, one may take a second reference to it: an ending
        # thread's objects, met again through its stack, would be recorded twice), and only then may
        # _bulk read a container in two passes (its length, then its items) without a copy.
        self.alone = True
        self.ids = self.table_type()        # key -> dense id of the objects that can be met again
        self.objs = []
        self.plans = {}                     # id(type) -> Plan
        self.queue = deque()                # plans with pending runs
        self.runs = []                      # discovered since the last commit
        self.fresh = {}                     # key -> id of those discovered since the commit
        self.unmapped = []                  # (keys, ids) of discoveries not yet in fresh (_fresh)
        self.pending_weak = []              # (src id, key) of weak edges, resolved at the end
        self.skip = ()                      # keys of the collector's own objects
        self.type_ids = {}                  # key -> dense id of the snapshot's types
        self.types, self.modules, self.frames, self.codes, self.functions = [], [], [], [], []
        self.generators = []
        self.n_gc = 0

    @property
    def object_count(self):
        return len(self.objs)

    @property
    def reference_count(self):
        return self.out.references

    def start(self, gc_objects, extra_roots, skip, skip_types):
        """Record ``gc_objects`` (emptied: from now on ``objs`` holds them) as ids
        0..n_gc-1, grouped by type, then ``extra_roots``; ``skip`` holds the keys of
        the collector's own objects, ``skip_types`` the ids of their types."""
        self.skip = skip
        objs = self.objs
        snapshot = _group_snapshot(gc_objects, skip, skip_types, objs)
        self.n_gc = len(objs)
        # the types' own dense ids: plan_for needs them before the map is filled
        for run in snapshot:
            if issubclass(run[2], type):
                self.type_ids.update(zip(_run_keys(run, objs), count(run[0])))
        self.out.begin_objects(self.n_gc)
        plans = [self.plan_for(t) for _, _, t, _ in snapshot]
        for run, p in zip(snapshot, plans):  # the runs hold plans, not types: see _commit_run
            run[2] = p
        # each slice's rows, then its map entries: the writer inserts the rows meanwhile
        # (until the map is full only plan_for resolves, and type_ids has the snapshot's types)
        # room for the snapshot and a quarter as many others before the table grows
        table = self.ids = self.table_type(self.n_gc + self.n_gc // 4)
        for run, p in zip(snapshot, plans):
            n0, c, keys = run[0], run[1], _run_keys(run, objs)
            run[3] = None
            for s in range(0, c, SLICE):     # records of bounded size, for both processes
                part = keys[s:s + SLICE]
                self._commit_run(n0 + s, len(part), p, part, None, 1)
                table.add(part, range(n0 + s, n0 + s + len(part)))
            del keys, part
        del snapshot
        self.resolve(list(extra_roots), False)
        self.commit()

    def run(self):
        queue, objs = self.queue, self.objs
        while queue:
            p = queue.popleft()
            src = _take(p, BATCH)
            if p.pending:
                queue.append(p)
            else:
                p.queued = False
            # most often one range of ids: a slice, not an item per id
            batch = objs[src.start:src.stop] if type(src) is range else list(map(objs.__getitem__, src))
            p.handler(self, p, src, batch)
            del batch
            self.commit()
        self.out.flush()

    def id_of_key(self, k):
        """The id of a recorded object the maps know, else -1."""
        return self.ids.get(k, -1)

    def plan_for(self, t):
        p = self.plans.get(id(t))
        if p is None:
            p = self.plans[id(t)] = make_plan(t)
            p.tp = t
            if p.external is not None and self.buffers is not None:
                p.buffers = self.buffers
                p.external = self.buffers.reader(p.external)
            p.handler = _bulk.HANDLERS[p.mode]
            tid = self.type_ids.get(key(t))
            if tid is None:
                tid = self.id_of_key(key(t))
            if tid < 0:                      # a type met only as type(o): record it too
                tid = self.resolve([t], False)[0]
            p.tid = tid
        return p

    def resolve(self, refs, single_ok):
        """Dense ids (-1 for the collector's own) of the objects in the list
        ``refs``; new ones get ids now and rows at the next ``commit``.
        ``single_ok``: each of these edges is a real reference of its source, so a
        new object with one real reference is reached by none other: it never
        joins the id maps."""
        single_ok = single_ok and self.alone
        if len(refs) > SLICE:
            out = []
            for s in range(0, len(refs), SLICE):
                out += self.resolve(refs[s:s + SLICE], single_ok)
            return out
        keys = keys_of(refs)
        if len(keys) > 1:
            found = self.ids.get_all(keys)
            if found is not None:
                return found
        found = self.ids.get_many(keys)
        # only the keys the map does not know go on: those discovered since the
        # last commit, and the new ones; found by identity (MISSING is the one
        # object the maps return for "not found"): comparing values would read
        # every id's int object
        miss = list(compress(count(), map(is_, found, repeat(MISSING))))
        if not miss:
            return found
        mkeys = list(map(keys.__getitem__, miss))
        if not self.fresh and not self.unmapped:
            # the first discovery since the commit (most often the only one): the
            # new objects' ids go into ``found`` by position, no map is asked
            ids = self._discover_unique(mkeys, list(map(refs.__getitem__, miss)), single_ok)
            if ids is not None:
                deque(map(setitem, repeat(found), miss, ids), 0)
                return found
        fresh = self._fresh()
        new = list(map(not_, map(fresh.__contains__, mkeys)))
        if True in new:
            self._discover(list(compress(mkeys, new)),
                           list(compress(map(refs.__getitem__, miss), new)), single_ok)
        deque(map(setitem, repeat(found), miss, map(fresh.__getitem__, mkeys)), 0)
        return found

    def find_keys(self, keys):
        """{key: id} of recorded objects by key (weak references' targets), also
        those the maps never held (single-held ones): one pass over the objects of
        weakly referenceable types when some are not in the maps."""
        found = {k: self.id_of_key(k) for k in keys}
        missing = set(k for k, d in found.items() if d < 0)
        if missing:
            objs = self.objs
            for p in self.plans.values():
                for n0, c in p.runs:
                    for j in compress(count(n0), map(missing.__contains__, map(key, objs[n0:n0 + c]))):
                        found[key(objs[j])] = j
        return found

    def _fresh(self):
        """key -> id of the objects discovered since the last commit, made from the
        discoveries' key and id lists only when a second resolve needs it."""
        fresh = self.fresh
        for keys, ids in self.unmapped:
            fresh.update(zip(keys, ids))
        self.unmapped = []
        return fresh

    def _discover_unique(self, keys, refs, single_ok):
        """Ids for ``refs`` (keys ``keys``, in no map) position by position, if no
        key repeats and none is the collector's own; else None, and nothing done."""
        unique = set(keys)
        # the smaller set is the one iterated: the collector's own are few
        if len(unique) < len(keys) or not self.skip.isdisjoint(unique):
            return None
        del unique
        runs, ids = self._new_runs(keys, refs, single_ok)
        self.unmapped.append((keys, ids))
        self._plan_runs(runs)
        return ids

    def _discover(self, keys, refs, single_ok):
        """Give the objects ``refs`` (keys ``keys``, in no id map yet, maybe
        repeated) their ids, in ``fresh`` (the collector's own as -1: cheap to find again)."""
        new = dict(zip(keys, refs))
        fresh = self.fresh
        if not self.skip.isdisjoint(new):
            for k in [k for k in new if k in self.skip]:
                fresh[k] = -1
                del new[k]
            if not new:
                return
        nkeys = list(new)
        nobjs = list(new.values())
        del new
        runs, ids = self._new_runs(nkeys, nobjs, single_ok)
        fresh.update(zip(nkeys, ids))
        self._plan_runs(runs)

    def _new_runs(self, keys, objs_new, single_ok):
        """Record the distinct new objects ``objs_new`` (keys ``keys``): one run of
        consecutive ids per type, in the order types first appear; return the runs
        and each object's id, position by position."""
        # type ids, never the type objects: a metaclass may define __eq__ or __hash__
        tkeys = list(map(id, map(type, objs_new)))
        objs = self.objs
        n0 = len(objs)
        if tkeys.count(tkeys[0]) == len(tkeys):
            objs.extend(objs_new)
            return [[n0, len(objs_new), type(objs_new[0]), keys, single_ok]], range(n0, n0 + len(keys))
        by_type = defaultdict(list)          # positions, by type
        deque(map(list.append, map(by_type.__getitem__, tkeys), count()), 0)
        ids = [0] * len(keys)
        runs = []
        for at in by_type.values():
            n0 = len(objs)
            group = list(map(objs_new.__getitem__, at))
            objs.extend(group)
            deque(map(setitem, repeat(ids), at, count(n0)), 0)
            runs.append([n0, len(at), type(group[0]), list(map(keys.__getitem__, at)), single_ok])
        return runs, ids

    def _plan_runs(self, runs):
        # after the ids are known (in fresh or unmapped): a new type is found, not rediscovered
        for run in runs:
            run[2] = self.plan_for(run[2])
        self.runs.extend(runs)

    def commit(self):
        """Rows of the objects discovered since the last commit. The caller holds
        no list of them any more, so refcounts are exact."""
        while self.runs:
            runs, self.runs = self.runs, []
            for n0, c, p, keys, single_ok in runs:
                self._commit_run(n0, c, p, keys, single_ok)
        self.fresh.clear()
        self.unmapped = []

    def _commit_run(self, n0, c, p, keys, single_ok, in_gc=0):
        """Rows of ids n0..n0+c-1; with ``single_ok``, those with one real reference
        leave the map (the container that holds it was the only way to it)."""
        run = self.objs[n0:n0 + c]
        rcs = list(map(_getrefcount, run))
        if p.is_type:
            # a type with a plan is referenced by it (Plan.tp): not the program's reference
            plans = self.plans
            rcs = [rc - 1 if rc < IMMORTAL_FLOOR and id(t) in plans else rc for rc, t in zip(rcs, run)]
        if single_ok:
            singles = rcs.count(SINGLE_HELD)
            if not singles:
                self.ids.add(keys, range(n0, n0 + c))
            elif singles < c:
                again = list(map(ne, rcs, repeat(SINGLE_HELD)))
                self.ids.add(list(compress(keys, again)), list(compress(range(n0, n0 + c), again)))
        elif single_ok is not None:
            self.ids.add(keys, range(n0, n0 + c))
        self.out.run(_rows.run_record(p, n0, run, rcs, in_gc))
        if p.weakrefable:
            p.runs.append((n0, c))
        if p.mode != LEAF:
            pending = p.pending
            if pending and pending[-1][1] == n0:
                pending[-1][1] = n0 + c
            else:
                pending.append([n0, n0 + c])
            if not p.queued:
                p.queued = True
                self.queue.append(p)


def _group_snapshot(gc_objects, skip, skip_types, objs):
    """Move ``gc_objects`` into ``objs`` with ids, one run per type: types by module
    and qualified name (ties in the order they first appear), each type's objects
    in gc order, so ids, and what the explorer lists by id, depend neither on how
    the snapshot was sliced nor on the process's gc history (which decides what
    comes first in ``gc.get_objects()``); return the runs as [first id, count,
    type, keys]. Keys are computed here only for the
    types of the collector's own objects (to leave those out), else None: later,
    run by run, as the rows go out."""
    by_type = defaultdict(list)
    for s in range(0, len(gc_objects), SLICE):      # slices: the temporaries stay small
        part = gc_objects[s:s + SLICE]
        deque(map(list.append, map(by_type.__getitem__, map(id, map(type, part))), part), 0)
        del part
    del gc_objects[:]
    runs = []
    for k in sorted(by_type, key=lambda k: _type_order(type(by_type[k][0]))):
        group = by_type.pop(k)
        keys = None
        if k in skip_types:
            keys = keys_of(group)
            if not skip.isdisjoint(keys):
                own = list(map(not_, map(skip.__contains__, keys)))
                group = list(compress(group, own))
                keys = list(compress(keys, own))
                if not group:
                    continue
        runs.append([len(objs), len(group), type(group[0]), keys])
        objs.extend(group)
        del group
    return runs


def _run_keys(run, objs):
    """The keys of a snapshot run ([first id, count, type, keys or None]), made once."""
    if run[3] is None:
        run[3] = keys_of(objs[run[0]:run[0] + run[1]])
    return run[3]


def _type_order(tp):
    return (type_module_name(tp) or "", type_qualname(tp))


def _take(p, n):
    """Up to ``n`` pending ids of plan ``p``, oldest first."""
    pending = p.pending
    s, e = pending[0]
    if e - s > n:
        pending[0][0] = s + n
        return range(s, s + n)
    del pending[0]
    if e - s == n or not pending:
        return range(s, e)
    src = list(range(s, e))
    while pending and len(src) < n:
        s, e = pending[0]
        if e - s > n - len(src):
            pending[0][0] = s + n - len(src)
            e = s + n - len(src)
        else:
            del pending[0]
        src.extend(range(s, e))
    return src
