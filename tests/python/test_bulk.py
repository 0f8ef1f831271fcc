"""The bulk paths of the walk (tests/targets/bulk_shapes.py): huge containers split
into several records, attribute layouts learnt from one instance and checked on
every batch, refcounts, weak references to objects with one strong holder, and the
short values of scalars."""

import sys
import unittest

from .support import TargetTest, run_target

PY311 = sys.version_info >= (3, 11)


class BulkTests(TargetTest):
    @classmethod
    def setUpClass(cls):
        cls._holder = TargetTest("run")
        cls.d = run_target(cls._holder, "bulk_shapes")

    @classmethod
    def tearDownClass(cls):
        cls._holder.doCleanups()

    def out_labels(self, name):
        return [label for (label,) in self.d.sql("SELECT ref FROM reference WHERE src = ?", self.d.oid(name))]

    def test_a_list_larger_than_a_record_keeps_every_index(self):
        labels = self.out_labels("big_list")
        self.assertEqual(len(labels), 300000)
        self.assertEqual(sorted(map(int, labels)), list(range(300000)))
        self.assertEqual(self.d.one("SELECT len FROM object WHERE id = ?", self.d.oid("big_list")), 300000)

    def test_a_dict_larger_than_a_record_keeps_every_entry(self):
        labels = self.out_labels("big_dict")
        self.assertEqual(labels.count("<key>"), 200000)
        self.assertEqual(len([x for x in labels if x.startswith("@")]), 200000)

    def test_attribute_layout_learnt_from_an_instance_with_one_object_twice(self):
        d = self.d
        if PY311:
            self.assertEqual(sorted(d.labels_between(d.oid("pair0"), d.oid("shared_part"))), [".left", ".right"])
            self.assertEqual(d.labels_between(d.oid("pair1"), d.oid("left1")), [".left"])
            self.assertEqual(d.labels_between(d.oid("pair1"), d.oid("right1")), [".right"])
        # every Pair has one .left and one .right (or its __dict__ holds them), and its class
        rows = d.sql("SELECT r.ref, count(*) FROM reference r JOIN object o ON o.id = r.src "
                     "JOIN pytype p ON p.object = o.pytype WHERE p.name = 'Pair' GROUP BY r.ref")
        counts = dict(rows)
        self.assertEqual(counts.get(".__class__"), 5001)
        if PY311:
            self.assertEqual((counts.get(".left"), counts.get(".right")), (5001, 5001))
        else:
            self.assertEqual(counts.get(".__dict__"), 5001)
        self.assertNotIn("<unlabelled>", counts)

    def test_instances_of_one_class_with_two_layouts(self):
        d = self.d
        counts = dict(d.sql("SELECT r.ref, count(*) FROM reference r JOIN object o ON o.id = r.src "
                            "JOIN pytype p ON p.object = o.pytype WHERE p.name = 'Node' GROUP BY r.ref"))
        self.assertNotIn("<unlabelled>", counts)
        if PY311:
            self.assertEqual(counts.get(".a"), 6000)
            self.assertEqual(counts.get(".b"), 4000)
            self.assertEqual(d.labels_between(d.oid("node1"), d.oid("node1_b")), [".b"])
            self.assertEqual(d.labels_between(d.oid("node0"), d.oid("node0_a")), [".a"])

    def test_layout_checks_call_no_attribute_hook_of_the_program(self):
        # instances of a class with __getattr__ (or __getattribute__) whose attributes
        # differ but whose counts agree: a check that read them through the class's own
        # attribute access would call the hook for each missing one
        d = self.d
        self.assertEqual(d.facts["hook_calls"], [])
        for name in ("Guarded", "Watched"):
            counts = dict(d.sql("SELECT r.ref, count(*) FROM reference r JOIN object o ON o.id = r.src "
                                "JOIN pytype p ON p.object = o.pytype WHERE p.name = ? GROUP BY r.ref", name))
            self.assertNotIn("<unlabelled>", counts)
            self.assertEqual(counts.get(".__class__"), 9000)
            if PY311:
                self.assertEqual(counts.get(".a"), 9000)
                self.assertEqual(counts.get(".b"), 3000 if name == "Guarded" else 4500)
                self.assertEqual(counts.get(".c"), 3000 if name == "Guarded" else 4500)
        if PY311:
            dotted = d.oid("dotted0")
            self.assertEqual(d.labels_between(dotted, d.oid("dotted0_value")), [".os.path"])
            self.assertEqual(d.labels_between(dotted, d.oid("spy")), [".os"])
            for holder, has, lacks in (("guarded0", ".b", ".c"), ("guarded1", ".c", ".b"),
                                       ("watched0", ".b", ".c"), ("watched1", ".c", ".b")):
                labels = [label for _, _, label, _ in d.referents(d.oid(holder))]
                self.assertIn(has, labels)
                self.assertNotIn(lacks, labels)

    def test_lists_of_many_lengths_keep_their_labels_in_order(self):
        # one batch mixes lengths labelled in the statement (up to 8) and bound ones
        d = self.d
        for n in (0, 1, 2, 7, 8, 9, 20):
            rows = d.sql("SELECT r.ref, o.value FROM reference r JOIN object o ON o.id = r.dst "
                         "WHERE r.src = ? ORDER BY r.rowid", d.oid("list%d" % n))
            self.assertEqual(rows, [(str(j), str(j)) for j in range(n)])
        self.assertEqual(d.one("SELECT count(*) FROM reference WHERE src = ?", d.oid("lists")), 2100)

    def test_non_ascii_attribute_names(self):
        d = self.d
        for name, base in (("odd0", 1000), ("odd1", 1003)):
            rows = d.sql("SELECT r.ref, o.value FROM reference r JOIN object o ON o.id = r.dst "
                         "WHERE r.src = ? AND r.ref != '.__class__' ORDER BY r.ref", d.oid(name))
            if PY311:
                self.assertEqual(rows, [(".naïve", str(base)), (".plain", str(base + 1))])
            else:
                self.assertEqual([r for r, _ in rows], [".__dict__"])

    def test_weak_edge_to_an_object_with_one_strong_holder(self):
        d = self.d
        self.assertEdge(d, d.oid("weak_ref"), d.oid("lonely"), "()", kind=1)

    def test_refcounts(self):
        # objects the target does not pass to _target.dump (whose arguments add references)
        d = self.d
        shared = d.oid("shared_three")
        holders = [s for s, tn, label, _ in d.referrers(shared) if tn == "list" and label == "0"]
        self.assertEqual(len(holders), 2)
        for h in holders:
            self.assertEqual(d.one("SELECT refcount FROM object WHERE id = ?", h), 1)
        item = [dst for dst, tn, label, _ in d.referents(shared) if label == "0"]
        self.assertEqual(d.sql("SELECT refcount, value FROM object WHERE id = ?", item[0]), [(1, "0.25")])

    def test_scalar_values(self):
        d = self.d
        value = lambda name: d.one("SELECT value FROM object WHERE id = ?", d.oid(name))
        self.assertEqual(value("long_str"), "x" * 200 + "\u2026")
        self.assertEqual(d.one("SELECT len FROM object WHERE id = ?", d.oid("long_str")), 300)
        self.assertEqual(value("bad_str"), "bad \\udcff name")       # a lone surrogate, escaped
        self.assertIsNone(value("huge_int"))
        self.assertEqual(value("small_int"), "-7")
        self.assertEqual(value("a_float"), "2.5")
        self.assertEqual(value("a_bytes"), "b'\\x00b'")
        self.assertEqual(value("a_complex"), "(1+2j)")

    def test_every_object_once(self):
        d = self.d
        n = d.one("SELECT count(*) FROM object")
        self.assertEqual(d.one("SELECT count(DISTINCT address) FROM object"), n)
        self.assertEqual(d.one("SELECT max(id) FROM object"), n - 1)
        self.assertEqual(d.one("SELECT count(*) FROM reference r LEFT JOIN object o ON o.id = r.dst "
                               "WHERE o.id IS NULL"), 0)


if __name__ == "__main__":
    unittest.main()
