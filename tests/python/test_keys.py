"""The walk keys objects by CPython's pointer hash (the address rotated right by 4
bits), made for a whole list from its pointer array; the object rows' addresses
are that array itself. Heap objects are 16-aligned; statically allocated objects
need not be, so both must hold for any address."""

import random
import struct
import unittest

from objex import _keys
from objex._keys import key, key_of_address, keys_of


class KeyTests(unittest.TestCase):
    def test_key_is_the_pointer_hash_of_real_objects(self):
        for o in (None, 1, "s", [], {}, object(), type, KeyTests):
            self.assertEqual(key(o), key_of_address(id(o)))

    def test_addresses_of_a_list_are_its_objects_ids(self):
        # the object rows' address column: the list's pointer array as it is,
        # 8-aligned static objects and 16-aligned heap objects alike
        objs = [object() for _ in range(3000)] + list(range(-5, 257)) \
            + [None, True, (), type, KeyTests, "s", 1.5, 10 ** 30]
        random.Random(5).shuffle(objs)
        for some in (objs, objs[:1], []):
            packed = _keys.addresses_of(some)
            self.assertEqual(list(struct.unpack("%dq" % len(some), packed)), list(map(id, some)))
        self.assertEqual(_keys.addresses_of(tuple(objs[:5])), struct.pack("5q", *map(id, objs[:5])))

    def test_keys_of_a_list_are_the_keys_of_its_objects(self):
        # heap objects (16-aligned) mixed with small ints, None and types (static,
        # some 8-aligned), across several chunks and with a short last one
        objs = [object() for _ in range(3 * 2048 + 5)] + list(range(-5, 257)) \
            + [None, True, (), type, KeyTests, "s", 1.5, 10 ** 30]
        random.Random(3).shuffle(objs)
        self.assertEqual(keys_of(objs), list(map(key, objs)))
        self.assertEqual(keys_of([]), [])
        self.assertEqual(keys_of(tuple(objs[:9])), list(map(key, objs[:9])))

    def test_keys_of_reads_the_list_layout_on_cpython(self):
        # the one-C-call path is on where it was checked at import; elsewhere the
        # keys are made one by one (the test above holds either way)
        import sys
        if sys.implementation.name == "cpython" and struct.calcsize("P") == 8 and sys.byteorder == "little":
            self.assertIsNotNone(_keys._string_at)


if __name__ == "__main__":
    unittest.main()
