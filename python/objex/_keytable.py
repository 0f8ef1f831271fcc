"""The walk's id map: key (_keys) -> dense id of every recorded object that can be
met again, in two flat arrays (open addressing, linear probing).

Why not a dict: a dict entry costs ~40 B of table, a 32 B int for the key and a
28 B int for the id, ~100 B per object; at 1 M objects that was most of what a
dump added to the memory of the process it dumps (docs/benchmarks.md). Here an
entry is 12 bytes in ``array`` storage (an 8-byte key, a 4-byte id) at a load
of at most 2/3, no object per entry.

Why it is still fast: a lookup or insert is never Python code per key but a few
C-level passes (``map`` over ``operator.getitem``, ``operator.mod``, ...) over a
whole batch of keys; only the keys whose home slot holds another key go round
again, one slot further, and they are few.

Keys are never 0 (no object lives at address 0), so 0 marks an empty slot. The
table size is a prime and a key's home slot is ``key * SPREAD % size``: the keys
of neighbouring objects are small multiples apart, and taken as they are, runs
of them would fill runs of slots, and one run of slots meeting another would
make long probe chains.
"""

from array import array
from collections import deque
from itertools import compress, repeat
from operator import add, eq, getitem, gt, itemgetter, mod, mul, not_, setitem, truth

MISSING = -2            # the walk's "no id yet"
SLICE = 1 << 16         # entries moved per pass when the table grows
SPREAD = 0x9E3779B97F4A7C15   # 2**64 / the golden ratio, odd


class KeyTable(object):
    __slots__ = ("keys", "ids", "size", "used", "limit")

    def __init__(self, capacity=0):
        self._allocate(max(1021, 2 * capacity))

    def _allocate(self, at_least):
        size = _prime_at_least(at_least)
        self.size = size
        self.keys = array("q", bytes(8)) * size
        self.ids = array("i", bytes(4)) * size
        self.used = 0
        self.limit = 2 * size // 3

    def __len__(self):
        return self.used

    def add(self, keys, ids):
        """Put the entries ``keys`` -> ``ids`` (lists; keys not in the table yet)."""
        n = len(keys)
        if not n:
            return
        if self.used + n > self.limit:
            self._grow(self.used + n)
        self.used += n
        table, values, size = self.keys, self.ids, self.size
        slots = _homes(keys, size)
        while True:
            # write the keys whose slot is empty; of two for one slot the later
            # wins, key and id alike, and the other goes round again
            free = list(map(not_, map(getitem, repeat(table), slots)))
            if True in free:
                at = list(compress(slots, free))
                deque(map(setitem, repeat(table), at, compress(keys, free)), 0)
                deque(map(setitem, repeat(values), at, compress(ids, free)), 0)
                del at
            left = list(map(not_, map(eq, map(getitem, repeat(table), slots), keys)))
            if True not in left:
                return
            keys = list(compress(keys, left))
            ids = list(compress(ids, left))
            slots = list(map(mod, map(add, compress(slots, left), repeat(1)), repeat(size)))

    def get_all(self, keys):
        """None: the flat table has no one-call lookup (DictTable.get_all); get_many."""
        return None

    def get_many(self, keys):
        """The ids of ``keys`` (a list), MISSING for those not in the table."""
        table, values, size = self.keys, self.ids, self.size
        found = [MISSING] * len(keys)
        at = range(len(keys))
        slots = _homes(keys, size)
        while keys:
            got = list(map(getitem, repeat(table), slots))
            hit = list(map(eq, got, keys))
            if True in hit:
                deque(map(setitem, repeat(found), compress(at, hit),
                          map(getitem, repeat(values), compress(slots, hit))), 0)
            # another key in the slot (not empty, not this one): the next slot
            on = list(map(gt, map(truth, got), hit))
            if True not in on:
                break
            del got, hit
            at = list(compress(at, on))
            keys = list(compress(keys, on))
            slots = list(map(mod, map(add, compress(slots, on), repeat(1)), repeat(size)))
        return found

    def get(self, key, default=-1):
        table, size = self.keys, self.size
        s = key * SPREAD % size
        while True:
            k = table[s]
            if k == key:
                return self.ids[s]
            if not k:
                return default
            s = (s + 1) % size

    def _grow(self, need):
        """Twice the entries' room (a load of 1/2), filled slice by slice from the old table,
        so what the move allocates beside the two tables stays small."""
        old_keys, old_ids = self.keys, self.ids
        self._allocate(2 * need)
        for s in range(0, len(old_keys), SLICE):
            part = old_keys[s:s + SLICE]
            live = list(map(truth, part))
            if True in live:
                self.add(list(compress(part, live)), list(compress(old_ids[s:s + SLICE], live)))


class DictTable(object):
    """KeyTable's interface over a dict, for an in-process dump: ~100 B per entry
    where KeyTable takes 18, but one C lookup per key where KeyTable makes ~8
    passes (docs/benchmarks.md: the walk's CPU at 1 M objects 3.5 s against 6.9 s).
    An in-process dump stops the program for the whole walk, and its maps are freed
    when the dump ends; a forked child's memory is what a container near its limit
    cannot spare, and the program goes on meanwhile. _dump chooses."""
    __slots__ = ("entries",)

    def __init__(self, capacity=0):
        self.entries = {}

    def __len__(self):
        return len(self.entries)

    def add(self, keys, ids):
        self.entries.update(zip(keys, ids))

    def get_all(self, keys):
        """The ids of ``keys`` (a list of two or more) as a tuple if the map knows
        every one, else None: one C call (``itemgetter``), where ``get_many`` calls
        ``dict.get`` once per key. The references of lists and tuples are most often
        all known; a batch with a new object most often fails at its first ones."""
        try:
            return itemgetter(*keys)(self.entries)
        except KeyError:
            return None

    def get_many(self, keys):
        return list(map(self.entries.get, keys, repeat(MISSING)))

    def get(self, key, default=-1):
        return self.entries.get(key, default)


def _homes(keys, size):
    """Each key's home slot: times a large odd constant, modulo the prime size,
    so neighbouring keys land far apart (runs of neighbours would make long
    probe chains where two runs overlap)."""
    return list(map(mod, map(mul, keys, repeat(SPREAD)), repeat(size)))


def _prime_at_least(n):
    n |= 1
    while not _is_prime(n):
        n += 2
    return n


def _is_prime(n):
    if n < 2:
        return False
    f = 3
    while f * f <= n:
        if n % f == 0:
            return False
        f += 2
    return n % 2 == 1
