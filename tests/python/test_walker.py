"""The walk's id map must never grow (its growth triples a million-entry table at
once): _walker.dict_room says how many keys a dict takes before it does, from
CPython's growth rule. Checked here against sys.getsizeof on this interpreter."""

import sys
import unittest

from objex._walker import dict_room


class DictRoomTests(unittest.TestCase):
    def test_room_is_exactly_what_the_table_takes_before_growing(self):
        for n in (1, 5, 6, 11, 100, 1000, 12345, 87381, 100000, 349525, 349526, 1013288):
            d = {}
            d.update(zip(range(1 << 40, (1 << 40) + n), range(n)))     # keys like the walk's
            room = dict_room(n)
            size = sys.getsizeof(d)
            d.update(zip(range(1 << 41, (1 << 41) + room), range(room)))
            self.assertEqual(sys.getsizeof(d), size, "n=%d: the table grew within the room" % n)
            d[-1] = 0
            self.assertGreater(sys.getsizeof(d), size, "n=%d: more room than computed" % n)
        self.assertEqual(dict_room(0), 0)


if __name__ == "__main__":
    unittest.main()
