"""``python -m objex``: forwards its arguments to the C# tool, or says in one line
how to build it when there is none."""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

from .support import PYTHON_DIR


class CliForwardingTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="objex-cli-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        # a copy of the package outside the repo, so the repo's ./objex launcher is not found
        self.pkg_root = os.path.join(self.tmp, "site")
        shutil.copytree(os.path.join(PYTHON_DIR, "objex"), os.path.join(self.pkg_root, "objex"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        self.empty_bin = os.path.join(self.tmp, "bin")
        os.mkdir(self.empty_bin)

    def run_objex(self, args, **env):
        full = {"PYTHONPATH": self.pkg_root, "PATH": self.empty_bin, "HOME": self.tmp}
        full.update(env)
        return subprocess.run([sys.executable, "-m", "objex"] + args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, env=full, timeout=60)

    def test_without_a_built_cli_one_line_says_how_to_build_it(self):
        p = self.run_objex(["--help"])
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stdout, "")
        lines = p.stderr.splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertIn("./objex --help", lines[0])
        self.assertIn("repo root", lines[0])

    def test_an_objex_cli_that_cannot_run_is_named_in_one_line_not_skipped(self):
        # A working objex on PATH must not be run instead of the one OBJEX_CLI asks for.
        self.write_fake_cli(os.path.join(self.empty_bin, "objex"))
        not_executable = os.path.join(self.tmp, "objex-plain")
        with open(not_executable, "w") as f:
            f.write("#!/bin/sh\nexit 7\n")
        for cli, problem in ((os.path.join(self.tmp, "nonexistent"), "which does not exist"),
                             (not_executable, "which is not executable"),
                             (self.tmp, "which is a directory")):
            p = self.run_objex(["formats"], OBJEX_CLI=cli)
            self.assertEqual((p.returncode, p.stdout), (2, ""), cli)
            lines = p.stderr.splitlines()
            self.assertEqual(len(lines), 1, p.stderr)
            self.assertTrue(lines[0].startswith("objex: OBJEX_CLI is set to %s, %s" % (cli, problem)), lines[0])

    def write_fake_cli(self, path):
        with open(path, "w") as f:
            f.write("#!/bin/sh\necho \"fake cli: $*\"\nexit 7\n")
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)

    def test_arguments_and_exit_code_pass_through_objex_cli(self):
        fake = os.path.join(self.tmp, "fake-objex")
        self.write_fake_cli(fake)
        p = self.run_objex(["make-analysis-db", "a b.db", "c.db"], OBJEX_CLI=fake)
        self.assertEqual(p.returncode, 7)
        self.assertEqual(p.stdout, "fake cli: make-analysis-db a b.db c.db\n")

    def test_objex_on_path_is_used_but_not_our_own_script(self):
        own = os.path.join(self.empty_bin, "objex")
        with open(own, "w") as f:
            f.write("#!/bin/sh\n# from objex.__main__ import main\nexit 99\n")
        os.chmod(own, 0o755)
        p = self.run_objex(["x"])
        self.assertEqual(p.returncode, 2, "our own console script must not be run: " + p.stderr)
        other_bin = os.path.join(self.tmp, "bin2")
        os.mkdir(other_bin)
        self.write_fake_cli(os.path.join(other_bin, "objex"))
        p = self.run_objex(["y"], PATH=self.empty_bin + os.pathsep + other_bin)
        self.assertEqual((p.returncode, p.stdout), (7, "fake cli: y\n"))


if __name__ == "__main__":
    unittest.main()
