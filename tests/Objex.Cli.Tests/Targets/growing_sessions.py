"""A leak that grows beside a cache that churns, dumped twice by one process.

    python growing_sessions.py a.db b.db      (python/objex must be importable)

    module app ──.SESSIONS──▶ list ──[i]──▶ UserSession ──.name──▶ str
                                                        ──.payload──▶ bytes (1,000)
                   (200 UserSessions at the first dump, 2,000 at the second: a leak)
    module app ──.CACHE──▶ dict ──['k-i']──▶ CacheEntry ──.data──▶ bytes (1,500)
                   (500 entries at both dumps, every one replaced between them: churn, not growth)

Between the dumps the cache is emptied first, so the 1,800 new UserSessions (instances of the same size as
CacheEntry) take freed CacheEntry addresses, then the cache is refilled, its new entries taking other freed
addresses: address reuse, across types and within one. The ids involved are written to b.db.facts.json
(how many new sessions sit where a cache entry was, how many new cache entries sit where an old one was).
"""
import json
import sys
import types

import objex

app = types.ModuleType("app")
sys.modules["app"] = app

exec(
    "class UserSession:\n"
    "    def __init__(self, n):\n"
    "        self.name = 'user-%d' % n\n"
    "        self.payload = bytes(1000)\n"
    "class CacheEntry:\n"
    "    def __init__(self, n):\n"
    "        self.key = n\n"
    "        self.data = bytes(1500)\n",
    app.__dict__,
)

app.SESSIONS = [app.UserSession(n) for n in range(200)]
app.CACHE = {"k-%d" % n: app.CacheEntry(n) for n in range(500)}


def main(first, second):
    objex.dump_graph(first)
    with open(first + ".ids.json", "w") as f:
        json.dump([id(e) for e in app.CACHE.values()], f)
    app.CACHE.clear()
    app.SESSIONS.extend(app.UserSession(n) for n in range(200, 2000))
    app.CACHE.update(("k-%d" % n, app.CacheEntry(n)) for n in range(500))
    objex.dump_graph(second)
    with open(first + ".ids.json") as f:
        old_cache = set(json.load(f))
    facts = {
        "sessions_at_old_cache_addresses": sum(id(s) in old_cache for s in app.SESSIONS[200:]),
        "cache_entries_at_old_cache_addresses": sum(id(e) in old_cache for e in app.CACHE.values()),
    }
    with open(second + ".facts.json", "w") as f:
        json.dump(facts, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
