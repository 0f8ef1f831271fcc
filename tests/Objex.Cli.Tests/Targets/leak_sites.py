"""A leak whose objects have allocation sites, dumped twice by one process (issue 16: suspects and diff by site).
The program traces with tracemalloc.start(25) unless OBJEX_TEST_TRACE=0 (then the same heap has no sites).

    python leak_sites.py a.db b.db [c.db]      (python/objex must be importable)

    <module __main__>.ORDERS (list) --[i]--> Order --.payload--> bytes (3,000 B)
        200 Orders at A, 1,800 at B, 2,400 at C: each Order allocated in take_order() at the line marked LEAK-ORDER,
        its payload in make_payload() at the line marked LEAK-PAYLOAD
    <module __main__>.SCRATCH (dict) --['k-i']--> bytearray (400 B)
        100 entries at every dump, every one replaced between them (churn, not growth), allocated in refill()
        at the line marked CHURN
"""
import os
import sys
import tracemalloc

if os.environ.get("OBJEX_TEST_TRACE") != "0":
    tracemalloc.start(25)

import objex  # noqa: E402  (imported while tracing: its objects have sites too)


class Order(object):
    __slots__ = ("payload",)  # 3.11's tracemalloc cannot find an instance with a managed __dict__

    def __init__(self, payload):
        self.payload = payload


ORDERS = []
SCRATCH = {}


def make_payload(n):
    return bytes(3000 + n % 5)  # LEAK-PAYLOAD


def take_order(n):
    ORDERS.append(Order(make_payload(n)))  # LEAK-ORDER


def refill():
    SCRATCH.clear()
    for k in range(100):
        SCRATCH["k-%d" % k] = bytearray(400)  # CHURN


def main(first, second, third=None):
    for n in range(200):
        take_order(n)
    refill()
    objex.dump_graph(first)
    for n in range(200, 1800):
        take_order(n)
    refill()
    objex.dump_graph(second)
    if third:
        for n in range(1800, 2400):
            take_order(n)
        refill()
        objex.dump_graph(third)


if __name__ == "__main__":
    main(*sys.argv[1:])
