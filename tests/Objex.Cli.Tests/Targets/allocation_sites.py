"""Shape: a cache filled by one function while the program traces with tracemalloc, so
every entry and its payload have an allocation site (issue 16).

    <module __main__>.CACHE (dict) --[k]--> Entry --.data--> bytes (1,000 B)
    each Entry and its bytes allocated at remember()'s one line
"""
import sys
import tracemalloc

tracemalloc.start()

import objex  # noqa: E402  (imported while tracing: its objects have sites too)


class Entry(object):
    __slots__ = ("data",)     # 3.11's tracemalloc cannot find an instance with a managed __dict__

    def __init__(self, data):
        self.data = data


CACHE = {}


def remember(key):
    CACHE[key] = Entry(bytes(1000 + key % 7))


for key in range(2000):
    remember(key)
objex.dump_graph(sys.argv[1])
