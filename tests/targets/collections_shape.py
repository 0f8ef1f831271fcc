"""Shape: collections types holding marked items.

    DEQUE (deque)        --1--> Item 'deque'
    ODICT (OrderedDict)  --@<key 'k'>--> Item 'odict'
    DDICT (defaultdict)  --.default_factory--> type list ; --@<key 'k'>--> Item 'ddict'
    POINT (namedtuple)   --.x--> Item 'point'
    CHAIN (ChainMap)     --.maps--> list --0--> dict
"""
import collections

import _target


class Item(object):
    def __init__(self, tag):
        self.tag = tag


Point = collections.namedtuple("Point", "x y")
DEQUE = collections.deque([Item("d0"), Item("deque")])
ODICT = collections.OrderedDict(k=Item("odict"))
DDICT = collections.defaultdict(list, k=Item("ddict"))
POINT = Point(Item("point"), 2)
CHAIN = collections.ChainMap({"a": 1}, {"b": 2})
COUNTER = collections.Counter("aab")
_target.dump(deque=DEQUE, deque_item=DEQUE[1], odict=ODICT, odict_item=ODICT["k"],
             ddict=DDICT, ddict_item=DDICT["k"], point=POINT, point_item=POINT.x,
             chain=CHAIN, chain_maps=CHAIN.maps)
