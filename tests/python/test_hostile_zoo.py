"""The hostile zoo (tests/targets/hostile_zoo.py): the dump succeeds, no hook of
the program runs (every counter stays at zero), no instance __dict__ is
materialised, and the process keeps working afterwards."""

import unittest

from .support import TargetTest, run_target


class HostileZooTests(TargetTest):
    @classmethod
    def setUpClass(cls):
        cls._holder = TargetTest("run")
        cls.d = run_target(cls._holder, "hostile_zoo", timeout=900)

    @classmethod
    def tearDownClass(cls):
        cls._holder.doCleanups()

    def test_no_program_code_ran(self):
        self.assertEqual(self.d.facts["calls"], {})
        self.assertIn("zoo ok", self.d.stdout)

    def test_no_instance_dict_was_materialised(self):
        grown = self.d.facts["dicts_after"] - self.d.facts["dicts_before"]
        self.assertLess(grown, 50, "the dump left %d new dicts behind (2000 instances inspected)" % grown)

    def test_million_link_chain_is_complete(self):
        d = self.d
        links = d.one("SELECT count(*) FROM object o JOIN pytype p ON p.object = o.pytype WHERE p.name = 'Link'")
        self.assertEqual(links, 1000000)
        nexts = d.one("SELECT count(*) FROM reference r JOIN object o ON o.id = r.src "
                      "JOIN pytype p ON p.object = o.pytype WHERE p.name = 'Link' AND r.ref = '.next'")
        self.assertEqual(nexts, 1000000)      # the last link holds None: an edge too
        self.assertIsNotNone(d.oid("chain"))

    def test_frozen_and_mutated_objects_are_in_the_dump(self):
        d = self.d
        self.assertEqual(d.type_name(d.oid("frozen_item")), "Plain")
        self.assertEqual(d.one("SELECT in_gc_objects FROM object WHERE id = ?", d.oid("frozen_item")), 0)
        self.assertEqual(d.type_name(d.oid("mutated")), "dict")

    def test_hostile_objects_are_recorded_with_their_class(self):
        d = self.d
        hostile = d.oid("hostile")
        self.assertEqual(d.type_name(hostile), "Hostile")
        out = {label for _, _, label, _ in d.referents(hostile)}
        self.assertIn(".__class__", out)
        self.assertIsNone(d.one("SELECT value FROM object WHERE id = ?", d.oid("big")))
        for name in ("Connection", "array", "memoryview", "BytesIO", "StringIO", "TextIOWrapper",
                     "c_int_Array_10", "Slotted", "Record", "Color", "HostileList", "HostileDict",
                     "module"):
            self.assertTrue(d.one("SELECT count(*) FROM object o JOIN pytype p ON p.object = o.pytype "
                                  "WHERE p.name = ?", name), name)
        proxies = d.one("SELECT count(*) FROM reference r JOIN object o ON o.id = r.src JOIN pytype p "
                        "ON p.object = o.pytype WHERE p.name IN ('weakproxy', 'ProxyType') AND r.kind = 1")
        self.assertGreaterEqual(proxies, 1)


if __name__ == "__main__":
    unittest.main()
