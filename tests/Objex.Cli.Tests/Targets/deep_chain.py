"""A linked list 600,000 nodes long, the shape of a common leak, then a dump of it.

    python deep_chain.py out.db                   (python/objex must be importable: the CLI tests)
    python deep_chain.py PYTHON_DIR out.db        (the web tests' convention: objex imported from PYTHON_DIR)

    module chain ──.HEAD──▶ Node ──.next──▶ Node ──.next──▶ … ──.next──▶ Node ──.payload──▶ Payload ──.data──▶ bytes
                            (600,000 Nodes; the last one holds the only Payload, with 4,000 bytes)

    The last Node's root path and dominator chain are 600,000 steps long: every face must show
    them bounded (the first and last steps and an elision step), and page through the middle.
"""
import sys
import types

if len(sys.argv) == 3:
    sys.path.insert(0, sys.argv[1])

import objex  # noqa: E402

LENGTH = 600_000

chain = types.ModuleType("chain")
sys.modules["chain"] = chain

exec(
    "class Node:\n"
    "    __slots__ = ('next', 'payload')\n"
    "    def __init__(self, next):\n"
    "        self.next = next\n"
    "        self.payload = None\n"
    "class Payload:\n"
    "    __slots__ = ('data',)\n"
    "    def __init__(self):\n"
    "        self.data = bytes(4000)\n",
    chain.__dict__,
)

_tail = chain.Node(None)
_tail.payload = chain.Payload()
_head = _tail
for _ in range(LENGTH - 1):
    _head = chain.Node(_head)
chain.HEAD = _head
del _head, _tail

if __name__ == "__main__":
    objex.dump_graph(sys.argv[-1])
