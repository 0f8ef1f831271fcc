"""_tracepause: tracemalloc's hooks taken off the MEM and OBJ domains and put back
(what spawn_dump's child does for its own allocations), under each allocator a
program may run with; earlier traces stay, allocations meanwhile are (almost all)
untraced, later ones are traced again."""

import subprocess
import sys
import unittest

from .support import env_with_objex

PROGRAM = r"""
import json, sys, tracemalloc
if not tracemalloc.is_tracing():
    tracemalloc.start(1)
from objex import _tracepause
before = [bytearray(8) for _ in range(5)]
resume = _tracepause.pause()
during = [bytearray(8) for _ in range(1000)]
freed = [bytearray(8) for _ in range(1000)]
del freed
if resume is not None:
    resume()
after = [bytearray(8) for _ in range(5)]
tb = tracemalloc.get_object_traceback
print(json.dumps({"paused": resume is not None, "before": tb(before[0]) is not None,
                  # a block freed while paused keeps its trace, and the next object in it
                  # takes that trace over: a few, not the thousand
                  "during": sum(tb(x) is not None for x in during) < 100, "after": tb(after[0]) is not None,
                  "tracing": tracemalloc.is_tracing()}))
"""

NOT_TRACING = r"""
from objex import _tracepause
print(_tracepause.pause() is None)
"""


def run(program, **env):
    out = subprocess.run([sys.executable, "-c", program], env=env_with_objex(env), check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    return out.strip().splitlines()[-1]


class TracePauseTests(unittest.TestCase):
    def test_allocations_between_pause_and_resume_are_not_traced(self):
        import json
        for allocator in ("", "pymalloc", "malloc", "debug", "pymalloc_debug"):
            with self.subTest(PYTHONMALLOC=allocator or "default"):
                env = {"PYTHONMALLOC": allocator} if allocator else {}
                seen = json.loads(run(PROGRAM, **env))
                self.assertEqual(seen, {"paused": True, "before": True, "during": True,
                                        "after": True, "tracing": True})

    def test_tracing_from_the_start_is_paused_too(self):
        import json
        seen = json.loads(run(PROGRAM, PYTHONTRACEMALLOC="2"))
        self.assertEqual((seen["paused"], seen["before"], seen["during"], seen["after"]),
                         (True, True, True, True))

    def test_nothing_is_changed_when_the_program_does_not_trace(self):
        self.assertEqual(run(NOT_TRACING), "True")


if __name__ == "__main__":
    unittest.main()
