"""objex collector: dump every object and every reference of this Python process
into one SQLite file (docs/dump-format.md), without running the program's code.

    objex.dump_graph('dump.db')            # in this process
    pid = objex.spawn_dump('dump.db')      # in a forked child; returns at once
    objex.wait_dump(pid)                   # RuntimeError if the child failed
    objex.dump_on_signal(signal.SIGUSR2, "/var/tmp/dumps")   # kill -USR2 <pid> dumps
"""

from ._dump import dump_graph, __version__
from ._fork import spawn_dump, wait_dump
from ._attach import dump_on_signal

__all__ = ["dump_graph", "spawn_dump", "wait_dump", "dump_on_signal", "__version__"]
