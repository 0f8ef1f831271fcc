"""Shape: attributes whose value is the instance's own class, and enum members.

    KINDS (list) --> A --.kind--> A (class)      x 200
                       --.__class__--> A (class)
    Color.RED --.__class__--> Color   (and, in its dict, __objclass__ --> Color)
"""
import enum

import _target


class A(object):
    def __init__(self, i):
        self.kind = A
        self.i = i


class Color(enum.Enum):
    RED = 1
    GREEN = 2


KINDS = [A(i) for i in range(200)]
_target.dump(a_class=A, first=KINDS[0], red=Color.RED, color=Color)
