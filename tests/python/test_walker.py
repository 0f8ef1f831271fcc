"""The walk's id maps (_keytable): KeyTable, flat arrays probed
in C-level passes (a forked child's), and DictTable, the same interface over a dict
(an in-process dump's). Checked against a dict on keys shaped like the walk's (runs
of neighbouring addresses, rotated as _keys does), through growth and collisions."""

import random
import unittest

from objex._keys import key_of_address
from objex._keytable import MISSING, DictTable, KeyTable


def _walk_like_keys(n_runs, run, step, seed):
    rnd = random.Random(seed)
    keys = set()
    for _ in range(n_runs):
        base = rnd.getrandbits(28) << 20          # an arena somewhere in a 48-bit space
        keys.update(key_of_address(base + step * j) for j in range(run))
    keys = list(keys)
    rnd.shuffle(keys)
    return keys


class KeyTableTests(unittest.TestCase):
    table_type = KeyTable

    def test_finds_every_key_and_no_other(self):
        keys = _walk_like_keys(40, 3000, 16, 1) + _walk_like_keys(40, 3000, 48, 2)
        keys = list(dict.fromkeys(keys))
        table = self.table_type(1000)               # KeyTable: too small, it grows several times
        for s in range(0, len(keys), 7000):
            table.add(keys[s:s + 7000], range(s, min(len(keys), s + 7000)))
        self.assertEqual(len(table), len(keys))
        if self.table_type is KeyTable:
            self.assertLessEqual(len(table), 2 * table.size // 3)
        known = set(keys)
        absent = [k + 1 for k in keys[:5000] if k + 1 not in known]
        self.assertTrue(absent)
        expect = dict(zip(keys, range(len(keys))))
        queries = keys[::2] + absent
        self.assertEqual(table.get_many(queries), [expect.get(k, MISSING) for k in queries])
        self.assertEqual([table.get(k) for k in keys[:2000]], list(range(2000)))
        self.assertEqual(table.get(absent[0]), -1)

    def test_all_ids_at_once_or_none(self):
        # get_all: the ids of keys that are all known in one call where the table
        # has such a call (DictTable), else None and get_many gives them
        table = self.table_type()
        a, b, c = key_of_address(0x1000), key_of_address(0x2000), key_of_address(0x3000)
        table.add([a, b], [7, 8])
        self.assertEqual(table.get_many([a, c, b]), [7, MISSING, 8])
        self.assertIsNone(table.get_all([a, c, b]))
        self.assertIsNone(table.get_all([c, a]))
        if self.table_type is DictTable:
            self.assertEqual(table.get_all([b, a, b]), (8, 7, 8))
        else:
            self.assertIsNone(table.get_all([b, a]))


class DictTableTests(KeyTableTests):
    """The in-process dump's map answers as KeyTable does."""
    table_type = DictTable


if __name__ == "__main__":
    unittest.main()
