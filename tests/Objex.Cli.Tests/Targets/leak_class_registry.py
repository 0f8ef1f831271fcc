"""A class registry that never forgets: every Order ever made stays in a dict on its class, then a dump.

    python leak_class_registry.py out.db      (python/objex must be importable)

    module shop ──.Order──▶ class Order ──.__dict__──▶ dict ──.REGISTRY──▶ dict ──[n]──▶ Order ──.payload──▶ bytes(2000)
                                                                          (20,000 Orders: ~45 MiB, most of the heap)

    `objex suspects` looks through the module, the class and its __dict__: the first suspect is the
    REGISTRY dict itself (the accumulation point, no deeper), holding 20,000 × shop.Order.
"""
import sys
import types

import objex

shop = types.ModuleType("shop")
sys.modules["shop"] = shop

exec(
    "class Order:\n"
    "    REGISTRY = {}\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "        self.payload = bytes(2000) + n.to_bytes(4, 'little')\n"
    "        Order.REGISTRY[n] = self\n",
    shop.__dict__,
)

for n in range(20_000):
    shop.Order(n)

if __name__ == "__main__":
    objex.dump_graph(sys.argv[1])
