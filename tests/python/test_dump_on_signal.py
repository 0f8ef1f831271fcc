"""objex.dump_on_signal (tests/targets/dump_on_signal.py): each signal writes a numbered dump
from a detached child; the program goes on and has no child to reap."""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

from .support import TARGETS, env_with_objex


class DumpOnSignalTests(unittest.TestCase):
    def test_each_signal_writes_a_numbered_dump_and_leaves_no_child(self):
        directory = tempfile.mkdtemp(prefix="objex-test-")
        self.addCleanup(__import__("shutil").rmtree, directory, True)
        p = subprocess.run([sys.executable, os.path.join(TARGETS, "dump_on_signal.py"), directory],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                           env=env_with_objex(), timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        seen = json.loads(p.stdout.strip().splitlines()[-1])
        pid = seen["pid"]
        self.assertEqual(seen["files"], ["objex-%d-1.db" % pid, "objex-%d-2.db" % pid])
        self.assertFalse(seen["child_left"])
        self.assertEqual(seen["steps"], [1, 2])
        db = sqlite3.connect(os.path.join(directory, "objex-%d-2.db" % pid))
        self.addCleanup(db.close)
        kept = db.execute("SELECT count(*) FROM object o JOIN pytype p ON p.object = o.pytype "
                          "WHERE p.name = 'Kept'").fetchone()[0]
        self.assertEqual(kept, 500)

    def test_refuses_a_missing_directory(self):
        import objex
        import signal
        with self.assertRaises(FileNotFoundError) as caught:
            objex.dump_on_signal(signal.SIGUSR2, "/nonexistent/objex-dumps")
        self.assertIn("/nonexistent/objex-dumps", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
