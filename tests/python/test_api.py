"""The public API's options and failure reports, each in a fresh interpreter."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

from .support import env_with_objex


class ApiTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="objex-api-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.path = os.path.join(self.tmp, "dump.db")

    def run_py(self, code, **env):
        return subprocess.run([sys.executable, "-c", code, self.path], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True,
                              env=env_with_objex(env), timeout=300)

    def test_print_info_and_use_gc(self):
        p = self.run_py("import sys, objex; HELD = [object()]; objex.dump_graph(sys.argv[1], print_info=True, use_gc=True)")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("objex: wrote %s:" % self.path, p.stdout)
        self.assertIn("objects", p.stdout)
        db = sqlite3.connect(self.path)
        self.addCleanup(db.close)
        gc_refs = db.execute("SELECT count(*) FROM gc_referent").fetchone()[0]
        strong = db.execute("SELECT count(*) FROM reference WHERE kind != 1").fetchone()[0]
        self.assertEqual(gc_refs, strong)
        self.assertGreater(gc_refs, 1000)

    def test_the_source_lines_of_stack_frames_are_not_left_in_linecache(self):
        # pyframe.trace quotes each frame's source line; the files read for it must
        # not stay in linecache.cache (the process would keep them after the dump)
        module = os.path.join(self.tmp, "deep_module.py")
        with open(module, "w") as f:
            f.write("import objex\n\ndef deep(path, n):\n    if n:\n        return deep(path, n - 1)\n"
                    "    objex.dump_graph(path)\n")
        code = ("import linecache, sys; sys.path.insert(0, %r); import deep_module; "
                "linecache.getline(__import__('os').__file__, 1); before = set(linecache.cache); "
                "deep_module.deep(sys.argv[1], 5); print(sorted(set(linecache.cache) ^ before))" % self.tmp)
        p = self.run_py(code)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip(), "[]")
        db = sqlite3.connect(self.path)
        self.addCleanup(db.close)
        traces = [t for (t,) in db.execute("SELECT trace FROM pyframe WHERE trace LIKE '%deep_module.py%'")]
        self.assertIn("    return deep(path, n - 1)", "".join(traces))

    def test_in_process_sqlite_writer_gives_the_same_dump(self):
        code = "import sys, objex; HELD = {'k': [1, 2]}; objex.dump_graph(sys.argv[1])"
        p = self.run_py(code, OBJEX_INPROCESS_WRITER="1")
        self.assertEqual(p.returncode, 0, p.stderr)
        db = sqlite3.connect(self.path)
        self.addCleanup(db.close)
        n, refs = db.execute("SELECT object_count, reference_count FROM meta").fetchone()
        self.assertEqual(db.execute("SELECT count(*) FROM object").fetchone()[0], n)
        self.assertEqual(db.execute("SELECT count(*) FROM reference").fetchone()[0], refs)

    def test_wait_dump_names_the_exit_status_of_a_failed_child(self):
        code = ("import sys, objex, objex._fork\n"
                "def broken(path, print_info=False, max_memory=None):\n"
                "    raise OSError('disk full (simulated)')\n"
                "objex._fork.dump_graph = broken\n"
                "pid = objex.spawn_dump(sys.argv[1])\n"
                "try:\n"
                "    objex.wait_dump(pid)\n"
                "except RuntimeError as e:\n"
                "    print('RuntimeError:', e)\n")
        p = self.run_py(code)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("RuntimeError: objex dump process", p.stdout)
        self.assertIn("failed with exit status 1", p.stdout)
        self.assertIn("disk full (simulated)", p.stderr)        # the child's one line
        self.assertEqual(p.stderr.count("\n"), 1, p.stderr)
        self.assertFalse(os.path.exists(self.path))

    def test_a_full_disk_is_reported_with_the_path_and_its_cause(self):
        # A file-size limit (inherited by the SQLite writer process; SIGXFSZ ignored, so
        # writes fail with EFBIG) stands for a disk that fills up during the dump.
        code = ("import resource, signal, sys, objex\n"
                "HELD = [str(i) * 20 for i in range(200000)]\n"
                "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
                "resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, resource.RLIM_INFINITY))\n"
                "try:\n"
                "    objex.dump_graph(sys.argv[1])\n"
                "except RuntimeError as e:\n"
                "    print('RuntimeError:', e)\n"
                "print('still working:', len(HELD))\n")
        p = self.run_py(code)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("RuntimeError: objex: writing %s failed: " % self.path, p.stdout)
        self.assertRegex(p.stdout, r"failed: \w+Error: .*(full|large|I/O)")
        self.assertIn("still working: 200000", p.stdout)
        self.assertEqual(os.listdir(self.tmp), [])          # no dump, no temporary file

    def test_an_empty_path_is_refused_before_the_walk(self):
        p = self.run_py("import objex\ntry:\n    objex.dump_graph('')\nexcept ValueError as e:\n    print(e)\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip(), "objex: '' is not a file path for the dump")

    def test_immortal_objects_are_marked_on_3_12_and_later(self):
        p = self.run_py("import sys, objex; objex.dump_graph(sys.argv[1])")
        self.assertEqual(p.returncode, 0, p.stderr)
        db = sqlite3.connect(self.path)
        self.addCleanup(db.close)
        none_immortal = db.execute("SELECT o.is_immortal FROM object o JOIN pytype p ON p.object = o.pytype "
                                   "WHERE p.name = 'NoneType'").fetchone()[0]
        meta = db.execute("SELECT immortal_refcount FROM meta").fetchone()[0]
        if sys.version_info >= (3, 12):
            self.assertEqual(none_immortal, 1)
            self.assertIsNotNone(meta)
            self.assertGreater(db.execute("SELECT count(*) FROM object WHERE is_immortal = 1").fetchone()[0], 100)
        else:
            self.assertEqual(none_immortal, 0)
            self.assertIsNone(meta)
            self.assertEqual(db.execute("SELECT count(*) FROM object WHERE is_immortal = 1").fetchone()[0], 0)


    def test_the_collector_state_is_recorded_as_the_program_left_it(self):
        # gc disabled with thresholds and counts of its own: meta says so, counts as they were before the dump
        code = ("import gc, json, sys, objex\n"
                "gc.set_threshold(500, 7, 3)\n"
                "gc.collect(); gc.disable()\n"
                "junk = [[] for _ in range(123)]\n"
                "counts = gc.get_count()\n"
                "objex.dump_graph(sys.argv[1])\n"
                "print(json.dumps([list(counts), gc.isenabled()]))\n")
        p = self.run_py(code)
        self.assertEqual(p.returncode, 0, p.stderr)
        counts, enabled_after = __import__("json").loads(p.stdout)
        self.assertFalse(enabled_after)                      # the dump leaves it disabled
        db = sqlite3.connect(self.path)
        self.addCleanup(db.close)
        enabled, thresholds, info = db.execute("SELECT gc_enabled, gc_thresholds, gc_info FROM meta").fetchone()
        self.assertEqual(enabled, 0)
        self.assertEqual(thresholds, "[500,7,3]")
        # counts: read by dump_graph before it allocates; `counts = …` itself may add one tuple
        c0, c1, c2 = __import__("json").loads(info)
        self.assertEqual((c1, c2), tuple(counts[1:]))
        self.assertIn(c0 - counts[0], range(0, 4))
        self.assertGreaterEqual(c0, 123)


    def test_the_process_start_time_is_recorded_with_the_pid_also_by_a_forked_child(self):
        # pid and start time name one process (objex diff refuses dumps of two); spawn_dump's child records its parent's
        code = ("import json, os, sys, objex\n"
                "objex.wait_dump(objex.spawn_dump(sys.argv[1]))\n"
                "stat = open('/proc/self/stat', 'rb').read()\n"
                "print(json.dumps([os.getpid(), int(stat[stat.rindex(b')') + 2:].split()[19])]))\n")
        p = self.run_py(code)
        self.assertEqual(p.returncode, 0, p.stderr)
        pid, ticks = __import__("json").loads(p.stdout)
        db = sqlite3.connect(self.path)
        self.addCleanup(db.close)
        self.assertEqual(db.execute("SELECT pid, process_start_ticks, forked FROM meta").fetchone(), (pid, ticks, 1))


if __name__ == "__main__":
    unittest.main()
