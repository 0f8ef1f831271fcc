"""max_memory: a dump that would add more memory than allowed stops before it
does, leaves nothing at the path or beside it, and the program goes on as it was
(its next dump, without a limit, is complete)."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from .support import TARGETS, _rmtree, env_with_objex


@unittest.skipUnless(os.path.exists("/proc/self/smaps_rollup"), "Linux /proc")
class MaxMemoryTests(unittest.TestCase):
    def run_mode(self, mode):
        tmp = tempfile.mkdtemp(prefix="objex-test-")
        self.addCleanup(_rmtree, tmp)
        path = os.path.join(tmp, "dump.db")
        proc = subprocess.run([sys.executable, os.path.join(TARGETS, "max_memory.py"), path, mode],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_with_objex(),
                              universal_newlines=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(path + ".outcome.json") as f:
            outcome = json.load(f)
        self.assertIsNotNone(outcome["raised"], "a 24 MiB limit did not stop the dump of 300,000 dicts")
        self.assertEqual(outcome["left"], [], "files left after the stopped dump")
        self.assertEqual(outcome["rows"], 300000)
        self.assertTrue(outcome["gc_enabled"])
        import sqlite3
        db = sqlite3.connect(path)
        self.addCleanup(db.close)
        dicts = db.execute("SELECT COUNT(*) FROM object o JOIN pytype t ON t.object = o.pytype "
                           "WHERE t.name = 'dict'").fetchone()[0]
        self.assertGreaterEqual(dicts, 300000)
        return outcome, proc.stderr

    def test_spawn_dump_stops_in_the_child(self):
        outcome, stderr = self.run_mode("spawn")
        self.assertIn("stopped before its memory reached max_memory", outcome["raised"])
        self.assertRegex(stderr, r"objex: dump to .*dump\.db stopped: it used [\d.]+ MiB of memory, "
                                 r"within 16\.0 MiB of max_memory \(24\.0 MiB\); nothing was written\n")

    def test_dump_graph_stops_in_process(self):
        outcome, _ = self.run_mode("inprocess")
        self.assertRegex(outcome["raised"], r"stopped: it used [\d.]+ MiB of memory")

    def test_a_limit_that_is_not_a_byte_count_is_refused_at_once(self):
        sys.path.insert(0, os.path.join(os.path.dirname(TARGETS), "..", "python"))
        import objex
        path = os.path.join(tempfile.mkdtemp(prefix="objex-test-"), "x.db")
        self.addCleanup(_rmtree, os.path.dirname(path))
        for bad in (0, -5, "200M", 1.5):
            with self.assertRaises(ValueError):
                objex.spawn_dump(path, max_memory=bad)
        self.assertFalse(os.path.exists(path))


if __name__ == "__main__":
    unittest.main()
