"""When the walk may read containers in place (Walk.alone, from _dump.runs_alone):
only where no other thread can run Python code meanwhile. A thread started through
``_thread`` is not in ``threading``'s count, but the stack capture sees it."""

import os
import subprocess
import sys
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PROGRAM = r"""
import _thread, sys, threading
from objex import _dump, _stacks
started, stop = _thread.allocate_lock(), _thread.allocate_lock()
started.acquire()
stop.acquire()

def worker():
    started.release()
    stop.acquire()             # waits in Python code: the thread has a frame

if sys.argv[1] == "raw-thread":
    _thread.start_new_thread(worker, ())
    started.acquire()
print(threading.active_count(), _dump.runs_alone(_stacks.StackCapture(), False),
      _dump.runs_alone(_stacks.StackCapture(), True))
"""


def run(mode):
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "python"))
    out = subprocess.run([sys.executable, "-c", PROGRAM, mode], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True, env=env, timeout=60)
    if out.returncode != 0:
        raise AssertionError(out.stderr)
    return out.stdout.split()


class RunsAloneTests(unittest.TestCase):
    def test_a_process_with_one_thread_runs_alone(self):
        self.assertEqual(run("one-thread"), ["1", "True", "True"])

    def test_a_thread_threading_does_not_count_is_another_thread(self):
        # threading counts one thread; the walk must not take the process for one
        # thread (only spawn_dump's child, forked, has one whatever its parent had)
        self.assertEqual(run("raw-thread"), ["1", "False", "True"])


if __name__ == "__main__":
    unittest.main()
