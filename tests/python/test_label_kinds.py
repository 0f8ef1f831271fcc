"""Every kind of reference that was <unlabelled> before issue 16 has its label
(docs/dump-format.md, "Labels"), on the interpreter running the tests: run it on
3.8-3.13 with tests/python/run_all_versions.sh."""

import sys
import unittest

from .support import TargetTest, run_target

PY39 = sys.version_info >= (3, 9)
PY310 = sys.version_info >= (3, 10)
PY311 = sys.version_info >= (3, 11)


class LabelKindsTests(TargetTest):
    def setUp(self):
        self.d = run_target(self, "label_kinds")

    def labels(self, name):
        oid = self.d.oid(name)
        return {ref for (ref,) in self.d.sql("SELECT ref FROM reference WHERE src = ?", oid)}

    def assertLabels(self, name, *expected):
        labels = self.labels(name)
        self.assertNotIn("<unlabelled>", labels, name)
        for label in expected:
            self.assertIn(label, labels, "%s: %r" % (name, sorted(labels)))

    def test_no_held_object_has_an_unlabelled_reference(self):
        for name in self.d.facts:
            self.assertNotIn("<unlabelled>", self.labels(name), name)

    def test_method_wrapper_names_its_slot_descriptor(self):
        self.assertLabels("wrapper", ".__self__", ".<descriptor>")

    def test_abc_data_names_its_sets(self):
        if PY39:         # 3.8's _abc_data is not a gc object: it has no referents
            self.assertLabels("abc_data", "._abc_registry")

    def test_pattern_struct_getters(self):
        if PY310:        # re.Pattern is a gc object from 3.10
            self.assertLabels("pattern", ".pattern", ".<groupindex>", ".<indexgroup>")
        if PY310:        # struct.Struct is a gc object from 3.10
            self.assertLabels("packer", ".<format>")
        self.assertLabels("getter", ".<attrs>")
        self.assertLabels("caller", ".<args>")
        self.assertLabels("counter", ".<count>", ".<step>")

    def test_weak_proxy_names_its_callback(self):
        self.assertLabels("proxy", ".__callback__")

    def test_module_state_and_spec(self):
        self.assertLabels("module", ".__dict__")
        if PY39:         # modules visit their C state from 3.9
            self.assertLabels("module", ".<module state>")
        if PY311:        # inline values: also the attributes importlib sets from outside the class
            self.assertLabels("spec", ".name", ".loader", "._initializing")
        else:            # up to 3.10 they are entries of the spec's __dict__
            self.assertLabels("spec", ".__dict__")

    def test_text_wrapper_codec_state(self):
        self.assertLabels("stream", ".buffer", ".encoding", ".<encoder>", ".<readnl>", ".<buffered text>")

    def test_generic_alias_parameters(self):
        if PY39:
            self.assertLabels("alias", ".__origin__", ".__args__", ".__parameters__")


if __name__ == "__main__":
    unittest.main()
