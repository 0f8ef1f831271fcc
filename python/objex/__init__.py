"""objex collector: dump every object and every reference of this Python process
into one SQLite file (docs/dump-format.md), without running the program's code.

    objex.dump_graph('dump.db')            # in this process
    pid = objex.spawn_dump('dump.db')      # in a forked child; returns at once
    objex.wait_dump(pid)                   # RuntimeError if the child failed
"""

from ._dump import dump_graph, __version__
from ._fork import spawn_dump, wait_dump

__all__ = ["dump_graph", "spawn_dump", "wait_dump", "__version__"]
