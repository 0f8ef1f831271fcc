"""A weak cache beside a strong list that holds the same Sessions, then a dump.

    python leak_strong_beside_weak.py out.db      (python/objex must be importable)

    module web ──.CACHE──▶ WeakValueDictionary ──(weak)──▶ Session ──.state──▶ bytes(2000)
    module web ──.AUDIT──▶ list ──[i]─────────────────────▶ Session       (12,000 Sessions: ~27 MiB)

    The weak holder never keeps a Session alive: the first suspect is web.AUDIT, the strong list.
"""
import sys
import types
import weakref

import objex

web = types.ModuleType("web")
sys.modules["web"] = web

exec(
    "class Session:\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "        self.state = bytes(2000) + n.to_bytes(4, 'little')\n",
    web.__dict__,
)

web.CACHE = weakref.WeakValueDictionary()
web.AUDIT = []
for n in range(12_000):
    session = web.Session(n)
    web.CACHE[n] = session
    web.AUDIT.append(session)
del session

if __name__ == "__main__":
    objex.dump_graph(sys.argv[1])
