"""An instance whose __dict__ was asked for (tests/targets/materialized_dict.py): the
dump holds its attributes through that dict, each value once (on 3.13 the dict shares
the instance's inline values, which gc.get_referents visits instead of the dict), and
no dict is left without its owner. And a dump readies no type the program had not."""

import sys
import unittest

from .support import TargetTest, run_target


class MaterializedDictTests(TargetTest):
    @classmethod
    def setUpClass(cls):
        cls._holder = TargetTest("run")
        cls.d = run_target(cls._holder, "materialized_dict")

    @classmethod
    def tearDownClass(cls):
        cls._holder.doCleanups()

    def test_each_object_recorded_once(self):
        d = self.d
        self.assertEqual(d.one("SELECT count(*) - count(DISTINCT address) FROM object"), 0)

    def _str_value(self, value):
        return self.d.one("SELECT id FROM object WHERE value = ?", value)

    def test_asked_dict_is_held_by_its_instance(self):
        d = self.d
        point, name = d.oid("with_dict"), self._str_value("point-0")
        dicts = [dst for dst, tn, label, _ in d.referents(point) if label == ".__dict__"]
        self.assertEqual(len(dicts), 1, d.referents(point))
        self.assertEqual(d.type_name(dicts[0]), "dict")
        self.assertIn(d.key_label("name")[0], d.labels_between(dicts[0], name))
        self.assertEqual([(s, tn) for s, tn, _, _ in d.referrers(name)], [(dicts[0], "dict")],
                         "the name is held once, by the instance's dict")
        self.assertEqual(len(d.referrers(dicts[0])), 1)

    def test_instance_without_dict_holds_its_values(self):
        d = self.d
        point, name = d.oid("without_dict"), self._str_value("point-99")
        holders = d.referrers(name)
        self.assertEqual(len(holders), 1, holders)
        if sys.version_info >= (3, 11):      # inline values: no dict was made
            self.assertEqual(holders[0][:3:2], (point, ".name"))

    def test_dict_valued_attribute_is_not_taken_for_the_instance_dict(self):
        d = self.d
        labels = sorted(label for _, _, label, _ in d.referents(d.oid("indexed")))
        if sys.version_info >= (3, 11):
            self.assertEqual(labels, [".__class__", ".index", ".name"])
        else:                                # the instance's own dict holds them
            self.assertEqual(labels, [".__class__", ".__dict__"])

    def test_no_type_readied_by_the_dump(self):
        facts = self.d.facts
        self.assertEqual(facts["lru_ready_after"], facts["lru_ready_before"])


if __name__ == "__main__":
    unittest.main()
