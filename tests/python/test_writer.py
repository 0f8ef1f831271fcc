"""The writer (python/objex/_writer.py) on records it can meet but the walk rarely
makes: labels that cannot be SQL literals, lists of many lengths in one record,
edges to the collector's own objects. Real SQLite files, read back."""

import os
import sqlite3
import tempfile
import unittest

from objex import _writer
from objex._messages import _i, _q
from objex._schema import SCHEMA

LONG = "." + "x" * 100


class WriterRecords(unittest.TestCase):
    def write(self, records):
        """Rows (src, dst, ref) of the reference table, in rowid order."""
        tmp = tempfile.mkdtemp()
        path = os.path.join(tmp, "w.db")
        self.addCleanup(lambda: (os.path.exists(path) and os.unlink(path), os.rmdir(tmp)))
        w = _writer.Writer(path)
        w.handle(("script", SCHEMA))
        w.handle(("objects", 0, True))
        w.handle(("batch", records))
        self.assertTrue(w.handle(("commit",)))
        with sqlite3.connect(path) as c:
            return c.execute("SELECT src, dst, ref FROM reference ORDER BY rowid").fetchall()

    def by_source(self, rows):
        out = {}
        for src, dst, ref in rows:
            out.setdefault(src, []).append((dst, ref))
        return out

    def test_layout_labels_that_cannot_be_literals_are_bound(self):
        for layout in ((".it's", ".plain"), (".a\x00b", ".plain"), (LONG, ".plain"),
                       (".bad\udcff", ".plain")):
            rows = self.by_source(self.write([("L", _i([1, 2]), layout, _i([10, 11, 12, 13]))]))
            want = [layout[0].encode("utf-8", "backslashreplace").decode("utf-8"), ".plain"]
            self.assertEqual(rows, {1: [(10, want[0]), (11, want[1])], 2: [(12, want[0]), (13, want[1])]})

    def test_a_quote_in_a_literal_label(self):
        rows = self.write([("L", _i([5]), (".it''s", "'"), _i([7, 8]))])
        self.assertEqual(rows, [(5, 7, ".it''s"), (5, 8, "'")])

    def test_lists_of_many_lengths_in_one_record(self):
        counts = [0, 3, 12, 1, 9, 3, 0, 8, 20]
        src = list(range(100, 100 + len(counts)))
        dst, want = [], {}
        for s, c in zip(src, counts):
            items = [s * 1000 + j for j in range(c)]
            dst += items
            if c:
                want[s] = [(d, str(j)) for j, d in enumerate(items)]
        rows = self.write([("S", _i(src), _i(counts), _i(dst))])
        self.assertEqual(self.by_source(rows), want)

    def test_edges_to_the_collectors_own_objects_are_dropped(self):
        rows = self.write([("S", _i([1, 2]), _i([2, 2]), _i([5, -1, 6, 7])),
                           ("L", _i([3]), (".a", ".b"), _i([-1, 9])),
                           ("T", _i([4]), _i([2]), _i([-1, 8])),
                           ("D", _i([6]), _i([4]), _i([20, 21]), _i([-1, 22]))])
        self.assertEqual(self.by_source(rows), {1: [(5, "0")], 2: [(6, "0"), (7, "1")], 3: [(9, ".b")],
                                               4: [(8, "*")],
                                               6: [(20, "<key>"), (21, "<key>"), (22, "@21")]})

    def test_deferred_snapshot_rows_all_go_in_with_their_ids(self):
        # the helper process defers the gc snapshot's rows (inserted when idle, in
        # parts); edges and refcount corrections sent meanwhile name them by id
        n, base = 10000, 1 << 44
        addresses = [base + 16 * 7 * j for j in range(n)]
        w, path = self.deferring("d.db", n)
        w.handle(("batch", [("R", 0, n, 3, 56, _q([j + 4 for j in range(n)]), _q(addresses), 1,
                             _q([j % 5 for j in range(n)]), None, None)]))
        self.assertEqual(len(w.backlog), 1)
        w.handle(("batch", [("R", n, 2, 3, 24, _q([4, 5]), _q([16 * 11, 16 * 12 + 8]), 0, None, None, None),
                            ("S", _i([n]), _i([3]), _i([9999, 0, 5000]))]))
        w.work_backlog()                     # one part now, the rest at commit
        self.assertEqual(w.backlog[0][1], _writer.BACKLOG_ROWS)
        w.handle(("refcounts", [(1, 5000)]))
        self.assertEqual(len(w.backlog), 0)
        self.assertTrue(w.handle(("commit",)))
        with sqlite3.connect(path) as c:
            rows = c.execute("SELECT id, refcount, address, len, in_gc_objects FROM object ORDER BY id").fetchall()
            refs = c.execute("SELECT src, dst, ref FROM reference ORDER BY rowid").fetchall()
        self.assertEqual(len(rows), n + 2)
        self.assertEqual(rows[:n], [(j, j + 1 - (j == 5000), addresses[j], j % 5, 1) for j in range(n)])
        self.assertEqual(rows[n:], [(n, 1, 16 * 11, None, 0), (n + 1, 2, 16 * 12 + 8, None, 0)])
        self.assertEqual(refs, [(n, 9999, "0"), (n, 0, "1"), (n, 5000, "2")])

    def test_the_backlog_holds_at_most_its_limit(self):
        # memory: past BACKLOG_MAX deferred rows the writer inserts what it holds, oldest first
        limit = _writer.BACKLOG_MAX
        _writer.BACKLOG_MAX = 2500
        self.addCleanup(setattr, _writer, "BACKLOG_MAX", limit)
        w, path = self.deferring("b.db", 6000)
        for n0 in range(0, 6000, 1000):
            w.handle(("batch", [("R", n0, 1000, 3, 56, _q([4] * 1000),
                                 _q([(1 << 40) + j for j in range(n0, n0 + 1000)]), 1, None, None, None)]))
            self.assertLessEqual(w.backlog_rows, 2500)
            self.assertEqual(w.backlog_rows, sum(r[0][2] - r[1] for r in w.backlog))
        self.assertTrue(w.handle(("commit",)))
        with sqlite3.connect(path) as c:
            ids = [r[0] for r in c.execute("SELECT id FROM object ORDER BY rowid")]
        self.assertEqual(ids, list(range(6000)))

    def deferring(self, name, n_gc):
        tmp = tempfile.mkdtemp()
        path = os.path.join(tmp, name)
        self.addCleanup(lambda: (os.unlink(path), os.rmdir(tmp)))
        w = _writer.Writer(path, defer_snapshot=True)
        w.handle(("script", SCHEMA))
        w.handle(("objects", n_gc, True))
        return w, path

    def test_sets_and_dicts(self):
        rows = self.write([("T", _i([1, 2]), _i([1, 2]), _i([5, 6, 7])),
                           ("D", _i([3]), _i([4]), _i([30, 31]), _i([40, 41]))])
        self.assertEqual(self.by_source(rows), {1: [(5, "*")], 2: [(6, "*"), (7, "*")],
                                               3: [(30, "<key>"), (40, "@30"), (31, "<key>"), (41, "@31")]})


if __name__ == "__main__":
    unittest.main()
