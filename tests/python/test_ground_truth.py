"""Ground truth: a target records gc.get_objects() and every gc.get_referents()
edge of its own process just before dumping (holding all of it alive); the dump
must contain every one of those objects and edges, matched by address."""

import json
import os
import unittest

from .support import TargetTest, run_target


class GroundTruthTests(TargetTest):
    def test_every_gc_object_and_referent_edge_is_in_the_dump(self):
        # a thread runs beside the dump: containers are read into tuples, one C call each
        self.assert_ground_truth({})

    def test_every_gc_object_and_referent_edge_is_in_the_dump_of_a_process_alone(self):
        # no other thread: the walk reads containers in place (length, then items)
        self.assert_ground_truth({"OBJEX_NO_THREAD": "1"})

    def assert_ground_truth(self, env):
        d = run_target(self, "ground_truth_heap",
                       env=dict(env, OBJEX_GROUND_TRUTH=os.path.join(_tmpdir(self), "truth.json")))
        with open(self._truth) as f:
            truth = json.load(f)
        by_address = d.by_address()
        missing_objects = [a for a in truth["objects"] if a not in by_address]
        self.assertEqual(missing_objects, [], "%d of %d gc objects missing" % (
            len(missing_objects), len(truth["objects"])))
        address_of = {oid: a for a, oid in by_address.items()}
        dumped = set()
        for src, dst in d.sql("SELECT src, dst FROM reference"):
            dumped.add((address_of[src], address_of[dst]))
        # 3.13: an instance whose __dict__ was asked for shares its inline values with
        # that dict; the dump holds them through it (instance -> .__dict__ -> value)
        for src, dst in d.sql("SELECT i.src, v.dst FROM reference i JOIN reference v "
                              "ON v.src = i.dst WHERE i.ref = '.__dict__'"):
            dumped.add((address_of[src], address_of[dst]))
        frames = set(truth["frames"])
        missing, total = [], 0
        for src, dsts in truth["edges"]:
            if src in frames:        # running frames change while the dump runs
                continue
            for dst in dsts:
                total += 1
                if (src, dst) not in dumped:
                    missing.append((d.type_name(by_address[src]),
                                    d.type_name(by_address[dst]) if dst in by_address else None))
        self.assertGreater(total, 10000)
        self.assertEqual(missing, [], "%d of %d referent edges missing" % (len(missing), total))
        # sizes are sys.getsizeof's (read after the dump: running frames, and code
        # objects, which 3.8 and 3.9 grow an opcache in once they have run often, are
        # left out)
        size_of = dict(d.sql("SELECT address, size FROM object"))
        moving = set(a for a, oid in by_address.items() if d.type_name(oid) in ("frame", "code"))
        compared = [(a, n) for a, n in truth["sizes"] if a in size_of and a not in moving]
        self.assertGreater(len(compared), 10000)
        wrong = [(d.type_name(by_address[a]), size_of[a], n) for a, n in compared if size_of[a] != n]
        self.assertEqual(wrong, [], "%d of %d sizes differ from sys.getsizeof" % (len(wrong), len(compared)))
        # the collector's own bookkeeping is not in the dump
        own = d.sql("SELECT count(*) FROM pyframe WHERE trace LIKE '%objex/_walker.py%' "
                    "OR trace LIKE '%objex/_dump.py%'")
        self.assertEqual(own[0][0], 0)

    def test_object_rows_are_consistent(self):
        d = run_target(self, "ground_truth_heap")
        n = d.one("SELECT count(*) FROM object")
        self.assertEqual(d.one("SELECT max(id) FROM object"), n - 1)          # dense ids
        self.assertEqual(d.one("SELECT object_count FROM meta"), n)
        self.assertEqual(d.one("SELECT reference_count FROM meta"), d.one("SELECT count(*) FROM reference"))
        self.assertEqual(d.one("SELECT count(DISTINCT address) FROM object"), n)  # each object once
        self.assertEqual(d.one("SELECT count(*) FROM reference r LEFT JOIN object o ON o.id = r.dst "
                               "WHERE o.id IS NULL"), 0)
        self.assertEqual(d.one("SELECT count(*) FROM object o LEFT JOIN pytype p ON p.object = o.pytype "
                               "WHERE p.id IS NULL"), 0)                       # every type is a pytype row
        self.assertEqual(d.one("SELECT value FROM object o JOIN pytype p ON p.object = o.pytype "
                               "WHERE p.name = 'NoneType'"), "None")
        self.assertIsNotNone(d.one("SELECT duration_s FROM meta"))
        self.assertEqual(d.one("SELECT format_version FROM meta"), 1)
        threads = d.sql("SELECT is_main FROM thread ORDER BY is_main")
        self.assertEqual([t for (t,) in threads], [0, 1])


def _tmpdir(test):
    import tempfile
    import shutil
    path = tempfile.mkdtemp(prefix="objex-truth-")
    test.addCleanup(shutil.rmtree, path, True)
    test._truth = os.path.join(path, "truth.json")
    return path


if __name__ == "__main__":
    unittest.main()
