"""Closure cells carry their variable's name into the dump (function.closure_names,
docs/dump-format.md), and a frame's cell variable is its local: the explorer reads
``on_finished.<closure payload>`` and ``<frame main>.locals['held']`` from these."""

from .support import TargetTest, run_target


class ClosureNameTests(TargetTest):
    def setUp(self):
        self.d = run_target(self, "closure_shapes")

    def closure_names(self, name):
        return self.d.one("SELECT closure_names FROM function WHERE object = ?", self.d.oid(name))

    def cell_holding(self, name):
        """The cell whose .cell_contents is the named object."""
        cells = [s for s, t, ref, _ in self.d.referrers(self.d.oid(name)) if ref == ".cell_contents" and t == "cell"]
        self.assertEqual(len(cells), 1, self.d.referrers(self.d.oid(name)))
        return cells[0]

    def test_closure_names_follow_the_closure_order(self):
        self.assertEqual(self.closure_names("on_finished"), "payload retries")
        # function -.__closure__-> tuple -0-> cell -.cell_contents-> payload: index 0 is 'payload'
        cell = self.cell_holding("payload")
        tuples = [s for s, t, ref, _ in self.d.referrers(cell) if t == "tuple"]
        self.assertEqual(len(tuples), 1)
        self.assertEqual(self.d.labels_between(tuples[0], cell), ["0"])
        self.assertEdge(self.d, self.d.oid("on_finished"), tuples[0], ".__closure__")

    def test_a_nested_closure_names_the_variable_it_passes_down(self):
        self.assertEqual(self.closure_names("nested"), "config")
        self.cell_holding("config")

    def test_a_function_without_closure_has_no_names(self):
        self.assertIsNone(self.d.one("SELECT closure_names FROM function WHERE func_name = 'make_handler'"))

    def test_a_frame_cell_variable_is_its_local(self):
        cell = self.cell_holding("held")
        self.assertEdge(self.d, self.d.oid("frame"), cell, ".locals['held']")
        # the closure made in that frame shares the cell
        self.assertEqual(self.closure_names("use"), "held")
