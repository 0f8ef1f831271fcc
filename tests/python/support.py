"""Helpers for the collector tests: run a target program in a real interpreter,
then read its dump with plain SQL (no objex code involved in the reading)."""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGETS = os.path.join(REPO, "tests", "targets")
PYTHON_DIR = os.path.join(REPO, "python")


def env_with_objex(extra=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = PYTHON_DIR + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra or {})
    return env


class Dump(object):
    """A dump read back with SQL; objects are addressed by their ``id()``."""

    def __init__(self, path, facts=None):
        self.path = path
        self.db = sqlite3.connect(path)
        self.facts = facts or {}
        self._by_address = None

    def close(self):
        self.db.close()

    def sql(self, query, *args):
        return self.db.execute(query, args).fetchall()

    def one(self, query, *args):
        rows = self.sql(query, *args)
        return rows[0][0] if rows else None

    def by_address(self):
        if self._by_address is None:
            self._by_address = dict(self.sql("SELECT address, id FROM object"))
        return self._by_address

    def oid(self, name_or_address):
        """Dense id of a named fact (or an address); fails if it is not in the dump."""
        address = self.facts[name_or_address] if isinstance(name_or_address, str) else name_or_address
        oid = self.by_address().get(address)
        if oid is None:
            raise AssertionError("object %r (address %#x) is not in the dump" % (name_or_address, address))
        return oid

    def type_name(self, oid):
        return self.one("SELECT p.name FROM object o JOIN pytype p ON p.object = o.pytype "
                        "WHERE o.id = ?", oid)

    def referrers(self, oid):
        """[(src id, src type name, label, kind)] of the edges into ``oid``."""
        return [(s, self.type_name(s), ref, kind) for s, ref, kind in
                self.sql("SELECT src, ref, kind FROM reference WHERE dst = ?", oid)]

    def referents(self, oid):
        """[(dst id, dst type name, label, kind)] of the edges out of ``oid``."""
        return [(d, self.type_name(d), ref, kind) for d, ref, kind in
                self.sql("SELECT dst, ref, kind FROM reference WHERE src = ?", oid)]

    def labels_between(self, src, dst):
        return sorted(r for (r,) in self.sql("SELECT ref FROM reference WHERE src = ? AND dst = ?", src, dst))

    def key_label(self, key_text):
        """The ``@<key id>`` label of a dict entry whose key is the str ``key_text``."""
        ids = [i for (i,) in self.sql("SELECT o.id FROM object o JOIN pytype p ON p.object = o.pytype "
                                      "WHERE p.name = 'str' AND o.value = ?", key_text)]
        return ["@%d" % i for i in ids]


def run_target(test, name, python=None, env=None, timeout=300):
    """Run tests/targets/<name>.py with the given interpreter (default: this one);
    return its Dump (closed at the test's end)."""
    tmp = tempfile.mkdtemp(prefix="objex-test-")
    test.addCleanup(_rmtree, tmp)
    path = os.path.join(tmp, "dump.db")
    proc = subprocess.run([python or sys.executable, os.path.join(TARGETS, name + ".py"), path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_with_objex(env),
                          timeout=timeout, universal_newlines=True)
    if proc.returncode != 0:
        test.fail("target %s failed (exit %d):\n%s" % (name, proc.returncode, proc.stderr))
    facts_path = path + ".facts.json"
    facts = {}
    if os.path.exists(facts_path):
        with open(facts_path) as f:
            facts = json.load(f)
    dump = Dump(path, facts)
    test.addCleanup(dump.close)
    dump.stdout, dump.stderr, dump.tmp = proc.stdout, proc.stderr, tmp
    return dump


def _rmtree(path):
    import shutil
    shutil.rmtree(path, ignore_errors=True)


class TargetTest(unittest.TestCase):
    def assertEdge(self, dump, src, dst, label, kind=0):
        labels = dump.labels_between(src, dst)
        self.assertIn(label, labels, "edge %s -> %s: labels %r" % (src, dst, labels))
        kinds = [k for (k,) in dump.sql("SELECT kind FROM reference WHERE src=? AND dst=? AND ref=?",
                                        src, dst, label)]
        self.assertIn(kind, kinds)
