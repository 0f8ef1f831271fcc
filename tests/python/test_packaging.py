"""``pip install ./python`` works offline (the in-tree build backend needs no
download), installs an importable package and an ``objex`` console script."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from .support import PYTHON_DIR


def has_pip():
    return subprocess.run([sys.executable, "-m", "pip", "--version"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


class PackagingTests(unittest.TestCase):
    @unittest.skipUnless(has_pip(), "pip is not installed for %s" % sys.executable)
    def test_offline_pip_install(self):
        tmp = tempfile.mkdtemp(prefix="objex-pip-")
        self.addCleanup(shutil.rmtree, tmp, True)
        src = os.path.join(tmp, "src")
        shutil.copytree(PYTHON_DIR, src, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
        target = os.path.join(tmp, "site")
        env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
        p = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--target", target, src],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                           env=env, timeout=300)
        self.assertEqual(p.returncode, 0, p.stdout)
        self.assertTrue(os.path.exists(os.path.join(target, "objex", "_walker.py")))
        script = os.path.join(target, "bin", "objex")
        self.assertTrue(os.path.exists(script), os.listdir(target))
        q = subprocess.run([sys.executable, "-c", "import objex, sys; print(objex.__file__)"],
                           stdout=subprocess.PIPE, universal_newlines=True,
                           env=dict(os.environ, PYTHONPATH=target), cwd=tmp, timeout=60)
        self.assertTrue(q.stdout.strip().startswith(target), q.stdout)


if __name__ == "__main__":
    unittest.main()
