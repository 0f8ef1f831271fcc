"""Two doors to the program's code (tests/targets/user_code_doors.py): dict keys
whose hash equals a looked-up name's (their __eq__ records a call), and a Thread
subclass whose _name/_ident/_native_id are properties. No call, in-process or forked."""

import os
import sqlite3
import unittest

from .support import TargetTest, run_target


class UserCodeDoorsTests(TargetTest):
    @classmethod
    def setUpClass(cls):
        cls._holder = TargetTest("run")
        cls.d = run_target(cls._holder, "user_code_doors", env={"PYTHONWARNINGS": "ignore"})

    @classmethod
    def tearDownClass(cls):
        cls._holder.doCleanups()

    def test_no_call_in_process(self):
        self.assertIn("doors ok", self.d.stdout)
        self.assertEqual(self.d.facts["in_process"], [])

    def test_no_call_in_the_forked_dump(self):
        self.assertEqual(self.d.facts["forked"], [])
        self.assertTrue(os.path.exists(self.d.facts["forked_path"]))

    def test_objects_behind_the_doors_are_dumped(self):
        d = self.d
        self.assertEqual(d.type_name(d.oid("instance")), "Doorway")
        self.assertEqual(d.type_name(d.oid("worker")), "PropertyThread")
        self.assertEqual(d.one("SELECT count(*) FROM module WHERE name = 'colliding_mod'"), 1)
        # the worker's name is a property: not read, the thread is still listed
        self.assertEqual(d.one("SELECT count(*) FROM thread"), 2)
        with sqlite3.connect(self.d.facts["forked_path"]) as forked:
            self.assertEqual(forked.execute("SELECT count(*) FROM thread").fetchone()[0], 2)


if __name__ == "__main__":
    unittest.main()
