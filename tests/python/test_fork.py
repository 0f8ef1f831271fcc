"""Dumps from forked children: spawn_dump/wait_dump with threads in deep stacks,
the README's os.fork snippet; atomic writes; refusing an existing path."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from .support import TARGETS, TargetTest, env_with_objex, run_target

PY311 = sys.version_info >= (3, 11)


class ForkTests(TargetTest):
    def tmpdir(self):
        import shutil
        tmp = tempfile.mkdtemp(prefix="objex-test-")
        self.addCleanup(shutil.rmtree, tmp, True)
        return tmp

    def check_threads(self, d):
        self.assertEqual(d.one("SELECT forked FROM meta"), 1)
        own = d.sql("SELECT trace FROM pyframe WHERE trace LIKE '%python/objex/%'")
        self.assertEqual(own, [], "the collector's own frames are bookkeeping, not part of the dump")
        self.assertEqual(d.one("SELECT pid FROM meta"), d.facts["pid"])
        names = sorted(n for (n,) in d.sql("SELECT name FROM thread WHERE is_main = 0"))
        self.assertEqual(names, ["worker-0", "worker-1", "worker-2"])
        self.assertEqual(d.one("SELECT count(*) FROM thread WHERE is_main = 1"), 1)
        for i in range(3):
            name = "worker-%d" % i
            cargo = d.oid(name)
            holders = [s for s, tn, label, _ in d.referrers(cargo) if label == ".locals['cargo']"]
            self.assertEqual(len(holders), 1, (name, d.referrers(cargo)))
            top = d.one("SELECT stack_obj_id FROM thread WHERE name = ?", name)
            chain, frame = [], top
            while frame is not None:
                chain.append(frame)
                backs = [dst for dst, _, label, _ in d.referents(frame) if label == ".f_back"]
                frame = backs[0] if backs else None
            self.assertIn(holders[0], chain)
            dives = sum(1 for f in chain
                        if "in dive" in (d.one("SELECT trace FROM pyframe WHERE object = ?", f) or ""))
            self.assertEqual(dives, 31 + i)

    def test_spawn_dump_sees_every_thread_and_its_locals(self):
        d = run_target(self, "fork_threads")
        self.check_threads(d)
        # in the child even an attribute no method sets is labelled (its __dict__ may be read there)
        loose, marker = d.oid("loose"), d.oid("marker")
        if PY311:
            self.assertEdge(d, loose, marker, ".ext")

    def test_plain_os_fork_runs_nothing_of_objex(self):
        # objex registers no at-fork hook: the program's own fork() captures nothing, so
        # a dump in its child is an ordinary dump of the one thread fork() leaves there
        tmp = self.tmpdir()
        path = os.path.join(tmp, "dump.db")
        subprocess.run([sys.executable, os.path.join(TARGETS, "fork_threads.py"), path, "osfork"],
                       check=True, env=env_with_objex(), timeout=300)
        from .support import Dump
        with open(path + ".facts.json") as f:
            d = Dump(path, json.load(f))
        self.addCleanup(d.close)
        self.assertEqual(d.one("SELECT forked FROM meta"), 0)
        self.assertEqual(d.sql("SELECT is_main FROM thread"), [(1,)])
        self.assertNotEqual(d.one("SELECT pid FROM meta"), d.facts["pid"])

    def test_killed_child_leaves_nothing_at_the_path(self):
        tmp = self.tmpdir()
        path = os.path.join(tmp, "dump.db")
        p = subprocess.run([sys.executable, os.path.join(TARGETS, "atomic_kill.py"), path],
                           stdout=subprocess.PIPE, universal_newlines=True, env=env_with_objex(), timeout=300)
        self.assertEqual(p.returncode, 0)
        seen = json.loads(p.stdout.strip().splitlines()[-1])
        self.assertTrue(seen["saw_tmp"], "the child never started writing")
        self.assertFalse(seen["exists"])
        self.assertFalse(os.path.exists(path))
        self.assertIn("signal 9", seen["error"])
        self.assertIn("SIGKILL", seen["error"])

    def test_existing_path_is_refused_and_left_unchanged(self):
        import objex
        tmp = self.tmpdir()
        path = os.path.join(tmp, "dump.db")
        with open(path, "w") as f:
            f.write("precious")
        for call in (objex.dump_graph, objex.spawn_dump):
            with self.assertRaises(FileExistsError) as cm:
                call(path)
            self.assertIn(path, str(cm.exception))
        with open(path) as f:
            self.assertEqual(f.read(), "precious")
        self.assertEqual(os.listdir(tmp), ["dump.db"])

    def test_missing_directory_is_a_clear_error(self):
        import objex
        path = os.path.join(self.tmpdir(), "no", "such", "dump.db")
        with self.assertRaises(FileNotFoundError) as cm:
            objex.spawn_dump(path)
        self.assertIn("does not exist", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
