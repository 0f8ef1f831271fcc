"""A linked list 600,000 nodes long, the shape of a common leak, then a dump of it.

    python deep_chain.py out.db      (python/objex must be importable)

    module chain ──.HEAD──▶ Node ──.next──▶ Node ──.next──▶ … ──.next──▶ Node ──.payload──▶ bytes
                            (600,000 Nodes; the last one holds a 4,000-byte payload)

    The last Node's root path and dominator chain are 600,000 steps long: every face must show
    them bounded (the first and last steps and an elision step), and page through the middle.
"""
import sys
import types

import objex

LENGTH = 600_000

chain = types.ModuleType("chain")
sys.modules["chain"] = chain

exec(
    "class Node:\n"
    "    __slots__ = ('next', 'payload')\n"
    "    def __init__(self, next):\n"
    "        self.next = next\n"
    "        self.payload = None\n",
    chain.__dict__,
)

_tail = chain.Node(None)
_tail.payload = bytes(4000)
_head = _tail
for _ in range(LENGTH - 1):
    _head = chain.Node(_head)
chain.HEAD = _head
del _head, _tail

if __name__ == "__main__":
    objex.dump_graph(sys.argv[1])
