"""A running frame whose code names a FIFO as its file (issue 19): the collector
reads source lines for the stack traces it records, and opening a FIFO waits for a
writer forever. The dump must finish, with the frame's line and no source."""
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

from tests.python.support import env_with_objex

PROGRAM = r"""
import os, sys
import objex
fifo = sys.argv[2]
os.mkfifo(fifo)
code = compile("\n\nobjex.dump_graph(OUT)\n", fifo, "exec")
exec(code, {"objex": objex, "OUT": sys.argv[1]})
"""


class FifoSourceTest(unittest.TestCase):
    def test_dump_finishes_when_a_running_frame_names_a_fifo(self):
        with tempfile.TemporaryDirectory() as tmp:
            dump, fifo = os.path.join(tmp, "dump.db"), os.path.join(tmp, "program.py")
            done = subprocess.run([sys.executable, "-c", PROGRAM, dump, fifo], env=env_with_objex(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
            self.assertEqual(done.returncode, 0, done.stderr.decode())
            db = sqlite3.connect(dump)
            try:
                traces = [row[0] for row in db.execute("SELECT trace FROM pyframe")]
            finally:
                db.close()
            mine = [t for t in traces if fifo in t]
            self.assertEqual(mine, ['  File "%s", line 3, in <module>\n' % fifo])


if __name__ == "__main__":
    unittest.main()
