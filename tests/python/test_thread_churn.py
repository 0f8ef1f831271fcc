"""A dump under thread churn (tests/targets/thread_churn.py): every object once, and
every stable object with all its references, while other threads create, link and
drop objects (threads, their locks, the threading module's dicts) meanwhile."""

import unittest

from .support import TargetTest, run_target


class ThreadChurnTests(TargetTest):
    def test_no_object_recorded_twice_or_lost(self):
        d = run_target(self, "thread_churn")
        self.assertEqual(d.one("SELECT count(*) - count(DISTINCT address) FROM object"), 0)
        items = d.oid("items")
        rows = d.sql("SELECT o.id FROM object o JOIN pytype p ON p.object = o.pytype WHERE p.name = 'Item'")
        self.assertEqual(len(rows), 30000)
        held = d.one("SELECT count(*) FROM reference r JOIN object o ON o.id = r.dst "
                     "JOIN pytype p ON p.object = o.pytype WHERE p.name = 'Item' AND r.src = ?", items)
        self.assertEqual(held, 30000)
        # each Item's tags list is in the dump, held once (by the Item or its __dict__)
        lists = d.one("SELECT count(*) FROM object o JOIN pytype p ON p.object = o.pytype "
                      "WHERE p.name = 'list' AND o.len = 2")
        self.assertGreaterEqual(lists, 30000)


if __name__ == "__main__":
    unittest.main()
