"""Shape: a class that keeps every instance in a class attribute (the classic leak), 300 of them.

    <module __main__> --.Point--> <type Point> --['_registry']--> list --[0..299]--> Point
    every Point --.__class__--> <type Point>

Searching backwards from Point #0, the 300 instances that refer to the type come before the
module that holds it: a search budget under 300 runs out first.
"""
import _target


class Point(object):
    __slots__ = ("x",)
    _registry = []

    def __init__(self, x):
        self.x = x
        Point._registry.append(self)


for i in range(300):
    Point(i)
_target.dump()
