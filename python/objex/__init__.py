"""objex collector: dump every object and every reference of this Python process
into one SQLite file (docs/dump-format.md), without running the program's code.

    objex.dump_graph('dump.db')            # in this process
    pid = objex.spawn_dump('dump.db')      # in a forked child; returns at once
    objex.wait_dump(pid)                   # RuntimeError if the child failed
    objex.spawn_dump('dump.db', max_memory=200 << 20)   # stops before the dump adds 200 MiB
    objex.dump_on_signal(signal.SIGUSR2, "/var/tmp/dumps")   # kill -USR2 <pid> dumps
"""

from ._budget import DumpMemoryLimitError
from ._dump import dump_graph, __version__
from ._fork import spawn_dump, wait_dump
from ._attach import dump_on_signal

__all__ = ["dump_graph", "spawn_dump", "wait_dump", "dump_on_signal", "DumpMemoryLimitError", "__version__"]
