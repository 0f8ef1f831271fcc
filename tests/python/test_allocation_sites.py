"""Allocation sites (docs/dump-format.md, site and object_site): recorded when the
program traces with tracemalloc, deduplicated by traceback, none when it does not."""

import json
import os

from .support import TARGETS, TargetTest, run_target

SOURCE = os.path.join(TARGETS, "allocation_sites.py")


def remember_line():
    with open(SOURCE) as f:
        return [n for n, line in enumerate(f, 1) if "# REMEMBER_LINE" in line][0]


class AllocationSiteTests(TargetTest):
    def site_of(self, d, name):
        return d.sql("SELECT s.id, s.filename, s.lineno, s.function, s.traceback FROM object_site o "
                     "JOIN site s ON s.id = o.site WHERE o.object = ?", d.oid(name))

    def test_traced_objects_have_their_site(self):
        d = run_target(self, "allocation_sites", env={"OBJEX_TRACEMALLOC": "3"})
        [(entry_site, filename, lineno, function, traceback)] = self.site_of(d, "entry")
        self.assertEqual((os.path.realpath(filename), lineno, function),
                         (os.path.realpath(SOURCE), remember_line(), "remember"))
        # three frames, most recent first: remember, fill, the module
        frames = json.loads(traceback)
        self.assertEqual(len(frames), 3)
        self.assertEqual(frames[0][1], remember_line())
        # the entry's data has its own site row only if its traceback differs: same line, same callers
        [(data_site, _, _, _, _)] = self.site_of(d, "data")
        self.assertEqual(data_site, entry_site)
        # 50 entries and their 50 bytearrays share that one site
        self.assertGreaterEqual(d.one("SELECT count(*) FROM object_site WHERE site = ?", entry_site), 100)
        self.assertEqual(d.one("SELECT count(*) FROM site GROUP BY traceback ORDER BY 1 DESC LIMIT 1"), 1)

    def test_a_forked_dump_has_the_sites_and_the_program_goes_on_tracing(self):
        # spawn_dump's child does not trace its own allocations (_tracepause); the
        # program's traces, where the sites come from, are intact, and the program
        # itself still traces when the dump is done
        d = run_target(self, "allocation_sites", env={"OBJEX_TRACEMALLOC": "3", "OBJEX_SPAWN": "1"})
        [(entry_site, filename, lineno, function, _)] = self.site_of(d, "entry")
        self.assertEqual((os.path.realpath(filename), lineno, function),
                         (os.path.realpath(SOURCE), remember_line(), "remember"))
        self.assertGreaterEqual(d.one("SELECT count(*) FROM object_site WHERE site = ?", entry_site), 100)
        self.assertEqual(self.site_of(d, "before"), [])
        self.assertTrue(d.facts["tracing_after_dump"])
        self.assertTrue(d.facts["traced_after_dump"])

    def test_objects_allocated_before_tracing_have_no_site(self):
        d = run_target(self, "allocation_sites", env={"OBJEX_TRACEMALLOC": "1"})
        self.assertEqual(self.site_of(d, "before"), [])
        self.assertEqual(len(self.site_of(d, "entry")), 1)

    def test_tracing_from_the_interpreters_start_has_sites(self):
        # PYTHONTRACEMALLOC traces without importing tracemalloc or _tracemalloc
        d = run_target(self, "allocation_sites", env={"PYTHONTRACEMALLOC": "2"})
        [(_, filename, lineno, function, _)] = self.site_of(d, "entry")
        self.assertEqual((os.path.realpath(filename), lineno, function),
                         (os.path.realpath(SOURCE), remember_line(), "remember"))
        self.assertEqual(len(self.site_of(d, "before")), 1)

    def test_without_tracing_there_are_no_sites(self):
        d = run_target(self, "allocation_sites")
        self.assertEqual(d.one("SELECT count(*) FROM site"), 0)
        self.assertEqual(d.one("SELECT count(*) FROM object_site"), 0)
        self.assertNotIn("tracemalloc", d.stdout)
