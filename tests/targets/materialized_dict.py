"""Shape: instances whose __dict__ something asked for (vars(), copy, pickle), and a
static type CPython readies lazily.

    POINTS (list) --> Point x 100 --.name--> str (one reference each)
                      50 of them: vars(p) was read, so on 3.13 a dict shares the
                      instance's inline values:  Point --.__dict__--> dict --@name--> str
    INDEXED --> Indexed --.index--> dict {1: 2}  (an attribute that is a dict with a non-str
                key, not the instance's __dict__), --.name--> str
    CACHED: an lru_cache that has stored an entry (3.8: its entries' type,
    functools._lru_list_elem, is not readied until something looks it up)
"""
import functools
import sys

import _target


class Point(object):
    def __init__(self, i):
        self.name = "point-%d" % i
        self.i = i


POINTS = [Point(i) for i in range(100)]


class Indexed(object):
    def __init__(self):
        self.index = {1: 2}
        self.name = "indexed"


INDEXED = [Indexed() for _ in range(20)]
for p in POINTS[:50]:
    vars(p)


@functools.lru_cache(maxsize=8)
def cached(n):
    return n


cached(1)


def lru_elem_ready():
    return any(c.__name__ == "_lru_list_elem" for c in object.__subclasses__())


ready_before = lru_elem_ready()
_target.dump(with_dict=POINTS[0], without_dict=POINTS[99], indexed=INDEXED[0])
_target.add_facts(lru_ready_before=ready_before, lru_ready_after=lru_elem_ready())
