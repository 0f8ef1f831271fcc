"""A leak that grows in both intervals of three dumps, beside a cache that churns and one that filled once.

    python leak_three_dumps.py a.db b.db c.db      (python/objex must be importable)

    module app ──.JOBS──▶ list ──[i]──▶ Job ──.payload──▶ bytes (800)
                   (100 Jobs at A, 600 at B, 1,100 at C: grows in both intervals, the leak)
    module app ──.CACHE──▶ dict ──['k-i']──▶ CacheEntry ──.data──▶ bytes (1,200)
                   (300 entries at every dump, every one replaced in each interval: churn)
    module app ──.LOOKUP──▶ dict ──['n-i']──▶ Lookup ──.data──▶ bytes (600)
                   (none at A, 400 at B, 400 at C all replaced between B and C: filled once, then churns)

A cache's entries are replaced in the same dict, all new ones made before the old ones go, so no new entry
takes the address of an entry of the dump before (an address taken by an object of the same type and size
cannot be told from a survivor); the new Jobs, made after, take freed entries' addresses (another type:
new objects).
"""
import sys
import types

import objex

app = types.ModuleType("app")
sys.modules["app"] = app

exec(
    "class Job:\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "        self.payload = bytes(800)\n"
    "class CacheEntry:\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "        self.data = bytes(1200)\n"
    "class Lookup:\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "        self.data = bytes(600)\n",
    app.__dict__,
)

app.JOBS = [app.Job(n) for n in range(100)]
app.CACHE = {"k-%d" % n: app.CacheEntry(n) for n in range(300)}
app.LOOKUP = {}


def refill(cache, make, prefix, count):
    entries = [make(n) for n in range(count)]
    for n, entry in enumerate(entries):
        cache["%s-%d" % (prefix, n)] = entry


def interval(first_job):
    refill(app.CACHE, app.CacheEntry, "k", 300)
    refill(app.LOOKUP, app.Lookup, "n", 400)
    app.JOBS.extend(app.Job(n) for n in range(first_job, first_job + 500))


def main(a, b, c):
    objex.dump_graph(a)
    interval(100)
    objex.dump_graph(b)
    interval(600)
    objex.dump_graph(c)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
