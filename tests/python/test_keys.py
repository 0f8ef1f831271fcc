"""The walk keys objects by CPython's pointer hash (the address rotated right by 4
bits) and sends the gc snapshot's keys instead of its addresses; the writer turns
them back. Heap objects are 16-aligned (the fast path); statically allocated
objects need not be, so the exact inverse must hold for any address."""

import random
import struct
import unittest

from objex import _keys
from objex._keys import key, key_of_address, keys_of
from objex._writer import _addresses


class KeyTests(unittest.TestCase):
    def test_key_is_the_pointer_hash_of_real_objects(self):
        for o in (None, 1, "s", [], {}, object(), type, KeyTests):
            self.assertEqual(key(o), key_of_address(id(o)))

    def test_addresses_come_back_from_keys_aligned_or_not(self):
        rng = random.Random(7)
        bits = 8 * struct.calcsize("P")
        for step in (16, 8, 1):
            addresses = [rng.randrange(1, 1 << (bits - 17)) // step * step for _ in range(2000)]
            addresses += [id(None), id(type), (1 << bits) - 16, (1 << (bits - 1)) + 8]
            self.assertEqual(_addresses([key_of_address(a) for a in addresses], bits), addresses)

    def test_32_bit_keys_come_back_too(self):
        # the writer is told the dumped process's pointer width; a 32-bit one's keys
        rotate = lambda a: ((a >> 4) | (a << 28)) & 0xFFFFFFFF
        signed = lambda k: k - (1 << 32) if k >= 1 << 31 else k
        addresses = [0x08000000 + 8 * j for j in range(100)] + [0xFFFFFFF0, 16]
        self.assertEqual(_addresses([signed(rotate(a)) for a in addresses], 32), addresses)

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
