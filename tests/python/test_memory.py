"""Where the process's memory is (the memory and external_buffer tables): the
mappings add up to smaps_rollup's RSS, both allocators' statistics are there, an
mmap's resident pages are its external size, and fd 2 is C's stderr again after
``_debugmallocstats`` wrote into the dump's capture."""

import os
import subprocess
import sys
import tempfile
import unittest

from .support import TARGETS, Dump, TargetTest, _rmtree, env_with_objex, run_target

MiB = 1 << 20


def memory(d):
    return {"%s.%s" % (s, n): v for s, n, v in d.sql("SELECT source, name, value FROM memory")}


@unittest.skipUnless(os.path.exists("/proc/self/smaps"), "Linux /proc")
class MemoryTableTests(TargetTest):
    def check(self, d, pymalloc=True):
        m = memory(d)
        mapped = sum(m["maps." + k] for k in ("file", "stack", "shmem", "anon"))
        rss = m["smaps_rollup.Rss"]
        self.assertLessEqual(abs(mapped - rss), 0.01 * rss, m)
        self.assertGreaterEqual(m["maps.shmem"], 4 * MiB)
        self.assertGreater(m["maps.stack"], 0)
        if pymalloc:
            self.assertGreater(m["sys.allocated_blocks"], 1000)   # pymalloc's count: 0 without it
            self.assertGreater(m["pymalloc.allocated_blocks"], MiB)
            self.assertGreater(m["pymalloc.arenas"], 0)
        else:
            self.assertNotIn("pymalloc.allocated_blocks", m)
        self.assertGreater(m["malloc.in_use"] + m["malloc.mmapped"], 8 * MiB)    # the bytearray's buffer
        shared, closed = d.oid("shared"), d.oid("closed")
        self.assertEqual(d.sql("SELECT object, bytes, place FROM external_buffer"), [(shared, 4 * MiB, "shmem")])
        self.assertGreaterEqual(d.one("SELECT size FROM object WHERE id = ?", shared), 4 * MiB)
        self.assertLess(d.one("SELECT size FROM object WHERE id = ?", closed), 1024)
        self.assertGreaterEqual(d.one("SELECT size FROM object WHERE id = ?", d.oid("big")), 8 * MiB)
        self.assertEqual(d.stderr, "fd 2 still goes to stderr\n")

    def test_in_process(self):
        self.check(run_target(self, "memory_buffers"))

    def test_from_spawn_dumps_child(self):
        tmp = tempfile.mkdtemp(prefix="objex-test-")
        self.addCleanup(_rmtree, tmp)
        path = os.path.join(tmp, "dump.db")
        proc = subprocess.run([sys.executable, os.path.join(TARGETS, "memory_buffers.py"), path, "spawn"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_with_objex(),
                              universal_newlines=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        import json
        with open(path + ".facts.json") as f:
            d = Dump(path, json.load(f))
        self.addCleanup(d.close)
        d.stderr = proc.stderr
        self.check(d)

    def test_without_pymalloc(self):
        self.check(run_target(self, "memory_buffers", env={"PYTHONMALLOC": "malloc"}), pymalloc=False)


if __name__ == "__main__":
    unittest.main()
