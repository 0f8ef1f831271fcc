"""A type held by two holders, and a container of many alike children, then a dump of it.

    python two_holders.py out.db      (python/objex must be importable)

    module store ──.ROOM_HISTORY──▶ list[0..29] ──[i]──▶ list[0..99] ──[j]──▶ Event   (3,000 Events)
    module store ──.ARCHIVE──▶ dict ──['evt-k']──▶ Event                                  (500 Events)
    module store ──.SAMPLES──▶ Bag ──.items──▶ list ──[i]──▶ Sample ──.data──▶ bytes     (2,501 Samples)
                                   ──.index──▶ list ──[i]──▶ every 25th Sample            (101 held twice:
                                                                                           the Bag keeps them)
    module store ──.CHAIN──▶ Link ──.next──▶ Link ──.next──▶ … (100,000 Links: a deep path)

    `in` on store.Event merges its 3,500 instances into two root paths; `retained` on the Bag groups
    what it keeps alive by type and by path below it (101 × Sample via .items[*]), on the list
    2,400 × Sample via [*]; `top retained` is led by the containers, not by <module store>.
"""
import sys
import types

import objex

store = types.ModuleType("store")
sys.modules["store"] = store

exec(
    "class Event:\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "        self.payload = bytes(100)\n"
    "class Sample:\n"
    "    def __init__(self, n):\n"
    "        self.data = bytes(1000) + n.to_bytes(4, 'little')\n"
    "class Bag:\n"
    "    def __init__(self):\n"
    "        self.items = [Sample(i) for i in range(2501)]\n"
    "        self.index = self.items[::25]\n"
    "class Link:\n"
    "    def __init__(self, next=None):\n"
    "        self.next = next\n",
    store.__dict__,
)

store.ROOM_HISTORY = [[store.Event(room * 100 + k) for k in range(100)] for room in range(30)]
store.ARCHIVE = {"evt-%d" % k: store.Event(100_000 + k) for k in range(500)}
store.SAMPLES = store.Bag()
_chain = None
for _ in range(100_000):
    _chain = store.Link(_chain)
store.CHAIN = _chain
del _chain

if __name__ == "__main__":
    objex.dump_graph(sys.argv[1])
