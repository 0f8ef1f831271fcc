"""Shape: a cycle nothing reaches (garbage the collector has not freed yet).

    Node a --.other--> Node b --.other--> Node a      (no other referrer)
"""
import gc

import _target

gc.disable()


class Node(object):
    def __init__(self):
        self.other = None


def make():
    a, b = Node(), Node()
    a.other, b.other = b, a
    return id(a), id(b)


A, B = make()
_target.dump()
import json, sys  # noqa: E402
with open(sys.argv[1] + ".facts.json", "w") as f:
    json.dump({"a": A, "b": B}, f)
