"""The walk keys objects by CPython's pointer hash (the address rotated right by 4
bits) and sends the gc snapshot's keys instead of its addresses; the writer turns
them back. Heap objects are 16-aligned (the fast path); statically allocated
objects need not be, so the exact inverse must hold for any address."""

import random
import struct
import unittest

from objex._keys import key, key_of_address
from objex._writer import _addresses


class KeyTests(unittest.TestCase):
    def test_key_is_the_pointer_hash_of_real_objects(self):
        for o in (None, 1, "s", [], {}, object(), type, KeyTests):
            self.assertEqual(key(o), key_of_address(id(o)))

    @unittest.skipUnless(struct.calcsize("P") == 8, "the writer's inverse is for 64-bit pointers")
    def test_addresses_come_back_from_keys_aligned_or_not(self):
        rng = random.Random(7)
        for step in (16, 8, 1):
            addresses = [rng.randrange(1, 1 << 47) // step * step for _ in range(2000)]
            addresses += [id(None), id(type), (1 << 64) - 16, (1 << 63) + 8]
            self.assertEqual(_addresses([key_of_address(a) for a in addresses]), addresses)


if __name__ == "__main__":
    unittest.main()
