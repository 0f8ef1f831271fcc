"""A dump leaves the process it measures as it found it: every object the program
drops after the dump dies (a weakref to it is dead), gc.get_objects() counts the
same before and after (within the documented constant), in-process and forked,
and the program's own os.fork() runs nothing of objex. The locals are still in
the dump, labelled."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from .support import TARGETS, Dump, env_with_objex

PY311 = sys.version_info >= (3, 11)
# docs/dump-format.md, "What a dump leaves behind": interpreter caches a first dump
# fills (3.8: abc's cache of os.PathLike checks, 3 objects)
LEFT_BEHIND = 3


class DumpChangesNothingTests(unittest.TestCase):
    def run_mode(self, mode):
        tmp = tempfile.mkdtemp(prefix="objex-test-")
        self.addCleanup(__import__("shutil").rmtree, tmp, True)
        path = os.path.join(tmp, "dump.db")
        p = subprocess.run([sys.executable, os.path.join(TARGETS, "dump_changes_nothing.py"), path, mode],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                           env=env_with_objex(), timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        seen = json.loads(p.stdout.strip().splitlines()[-1])
        self.assertEqual(seen["generator_locals_alive"], 0,
                         "%d of %d locals dropped by suspended generators survived the dump"
                         % (seen["generator_locals_alive"], seen["generators"]))
        self.assertFalse(seen["worker_local_alive"], "a worker thread's dropped local survived")
        grown = seen["after"] - seen["before"]
        self.assertTrue(0 <= grown <= LEFT_BEHIND, "gc.get_objects() grew by %d" % grown)
        return path

    def check_locals_labelled(self, path):
        with open(path + ".facts.json") as f:
            d = Dump(path, json.load(f))
        self.addCleanup(d.close)
        local = d.oid("generator_local")
        labels = [(tn, label) for _, tn, label, _ in d.referrers(local)]
        holder = "generator" if PY311 else "frame"       # up to 3.10 the generator's own frame
        self.assertIn((holder, ".locals['local']"), labels)
        labels = [(tn, label) for _, tn, label, _ in d.referrers(d.oid("worker_local"))]
        self.assertIn(("frame", ".locals['local']"), labels)
        self.assertEqual(d.sql("SELECT count(*) FROM reference WHERE ref = '.f_locals'"), [(0,)],
                         "no frame had a locals dict before the dump, so none has one in it")

    def test_in_process_dump(self):
        self.check_locals_labelled(self.run_mode("inprocess"))

    def test_spawn_dump(self):
        self.check_locals_labelled(self.run_mode("spawn"))

    def test_programs_own_fork(self):
        self.run_mode("osfork")


if __name__ == "__main__":
    unittest.main()
