"""Instances of a C type whose traversal visits nothing (tests/targets/quiet_extension_type.py):
no attribute layout can be learnt from them; each is recorded, held by its list, with
no reference out of it, and the dump does not fail."""

import unittest

from .support import TargetTest, run_target


class QuietExtensionTypeTests(TargetTest):
    def test_instances_without_references_are_all_recorded(self):
        d = run_target(self, "quiet_extension_type")
        if "skipped" in d.facts:
            self.skipTest(d.facts["skipped"])
        quiet = "SELECT o.id FROM object o JOIN pytype p ON p.object = o.pytype WHERE p.name = 'Quiet'"
        self.assertEqual(d.one("SELECT count(*) FROM (%s)" % quiet), 10000)
        self.assertEqual(d.one("SELECT count(*) FROM reference WHERE src IN (%s)" % quiet), 0)
        self.assertEqual(d.one("SELECT count(*) FROM reference WHERE src = ? AND dst IN (%s)" % quiet,
                               d.oid("quiet_list")), 10000)
        self.assertEqual(d.type_name(d.oid("quiet")), "Quiet")


if __name__ == "__main__":
    unittest.main()
