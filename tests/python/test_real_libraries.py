"""Dumps of real libraries installed for the system python3 (Debian's python3-flask
and python3-sympy): skipped, with the reason, when the library does not import."""

import os
import subprocess
import unittest

from .support import TargetTest, run_target

SYSTEM_PYTHON = os.environ.get("OBJEX_SYSTEM_PYTHON", "/usr/bin/python3")


def importable(module):
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import " + module],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


class RealLibraryTests(TargetTest):
    def check_dump(self, d):
        self.assertGreater(d.one("SELECT count(*) FROM object"), 50000)
        self.assertEqual(d.one("SELECT count(*) FROM reference r LEFT JOIN object o ON o.id = r.dst "
                               "WHERE o.id IS NULL"), 0)
        unlabelled = d.one("SELECT count(*) FROM reference WHERE ref = '<unlabelled>'")
        total = d.one("SELECT count(*) FROM reference")
        self.assertLess(unlabelled, total * 0.05, "%d of %d edges unlabelled" % (unlabelled, total))

    @unittest.skipUnless(importable("flask"), "flask does not import in %s (apt-get install python3-flask)"
                         % SYSTEM_PYTHON)
    def test_flask_app_after_requests(self):
        d = run_target(self, "flask_app", python=SYSTEM_PYTHON)
        self.check_dump(d)
        self.assertEqual(d.type_name(d.oid("app")), "Flask")
        seen = d.oid("seen")
        self.assertEqual(d.one("SELECT len FROM object WHERE id = ?", seen), 21)
        values = {v for (v,) in d.sql("SELECT o.value FROM reference r JOIN object o ON o.id = r.dst "
                                      "WHERE r.src = ?", seen)}
        self.assertIn("item 19", values)
        self.assertIn("index", values)
        self.assertTrue(d.sql("SELECT 1 FROM module WHERE name = 'flask'"))

    @unittest.skipUnless(importable("sympy"), "sympy does not import in %s (apt-get install python3-sympy)"
                         % SYSTEM_PYTHON)
    def test_sympy_after_algebra(self):
        d = run_target(self, "sympy_algebra", python=SYSTEM_PYTHON, timeout=900)
        self.check_dump(d)
        self.assertEqual(d.type_name(d.oid("first")), "Add")
        self.assertTrue(d.sql("SELECT 1 FROM module WHERE name = 'sympy'"))


if __name__ == "__main__":
    unittest.main()
