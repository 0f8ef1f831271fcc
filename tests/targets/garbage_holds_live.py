"""Shape: garbage (a cycle waiting for the collector) that also holds live objects.

    <module __main__> --.LIVE--> list (of 200 bytes objects)
    <module __main__> --.FUNCS--> list --0--> function f --.__globals__ (namespace)--> dict NS
                                                     NS --@'BIG'--> list (of 100 x 1,000-byte bytes)
    Node a <--.other--> Node b        (no other referrer: garbage, gc disabled)
    Node a --.live--> LIVE,  Node a --.ns--> NS      (strong)

The collector would free a and b and leave LIVE and NS: they are the module's and
f's, not the garbage's.
"""
import gc

import _target

gc.disable()


class Node(object):
    pass


LIVE = [bytes(200) for _ in range(10)]
NS = {}
exec("BIG = [bytes(1000) for _ in range(100)]\ndef f():\n    return BIG\n", NS)
FUNCS = [NS["f"]]


def make():
    a, b = Node(), Node()
    a.other, b.other = b, a
    a.live, a.ns = LIVE, NS
    return id(a), id(b)


A, B = make()
ns_id, f_id, live_id = id(NS), id(FUNCS[0]), id(LIVE)
del NS
_target.dump()
import json, sys  # noqa: E402
with open(sys.argv[1] + ".facts.json", "w") as f:
    json.dump({"a": A, "b": B, "ns": ns_id, "f": f_id, "live": live_id}, f)
