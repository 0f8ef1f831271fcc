"""Labels by position, not by value (tests/targets/class_valued_attribute.py): an
attribute holding the instance's own class keeps its label and the class edge stays
.__class__; an enum member's __objclass__ is labelled as such, not as a second class."""

import unittest

from .support import TargetTest, run_target


class ClassValuedAttributeTests(TargetTest):
    @classmethod
    def setUpClass(cls):
        cls._holder = TargetTest("run")
        cls.d = run_target(cls._holder, "class_valued_attribute")

    @classmethod
    def tearDownClass(cls):
        cls._holder.doCleanups()

    def _labels_of_type(self, name):
        return dict(self.d.db.execute(
            "SELECT r.ref, count(*) FROM reference r JOIN object o ON o.id = r.src "
            "JOIN pytype p ON p.object = o.pytype WHERE p.name = ? GROUP BY r.ref", (name,)).fetchall())

    def test_200_instances_give_200_kind_and_200_class_edges(self):
        labels = self._labels_of_type("A")
        self.assertEqual(labels.get(".__class__"), 200, labels)
        if ".kind" in labels or ".__dict__" not in labels:      # inline values (3.11+)
            self.assertEqual(labels.get(".kind"), 200, labels)
        first, a_class = self.d.oid("first"), self.d.oid("a_class")
        self.assertIn(".__class__", self.d.labels_between(first, a_class))

    def test_enum_member_has_one_class_edge(self):
        d = self.d
        labels = d.labels_between(d.oid("red"), d.oid("color"))
        self.assertEqual(labels.count(".__class__"), 1, labels)
        if len(labels) > 1:                 # __objclass__ inline (3.11+), else in the dict
            self.assertIn(".__objclass__", labels)


if __name__ == "__main__":
    unittest.main()
