"""``max_memory``: a dump that stops before its own memory crosses a limit.

What a dump costs is the private memory it dirties: the dumping process's
(in ``spawn_dump``'s child, the pages copy-on-write gives it as the walk touches
objects, plus the collector's maps) and the SQLite writer process's. Both are
read from ``/proc/<pid>/smaps_rollup`` (``Private_Dirty``; the dumping process's
as growth since the dump began) at most every ``INTERVAL`` seconds, each time a
batch of rows goes to the writer. The dump stops when the total comes within
``margin`` of the limit (what one interval can add: a tenth of the limit, 16 MiB
at least), so the limit itself is not crossed; dump_graph then discards its
temporary file and raises ``DumpMemoryLimitError``: nothing appears at the path
and the program is as it was.
"""

import os
import time

INTERVAL = 0.05              # seconds: reading smaps_rollup walks the page tables, ~1 ms per GiB mapped
_MIN_MARGIN = 16 << 20


class DumpMemoryLimitError(RuntimeError):
    """A dump stopped by its max_memory (wait_dump raises it too: the child's exit status 3)."""


EXIT_STATUS = 3              # spawn_dump's child, stopped by max_memory


def private_dirty(pid="self"):
    """``Private_Dirty`` of a process in bytes (None when /proc cannot say)."""
    try:
        fd = os.open("/proc/%s/smaps_rollup" % pid, os.O_RDONLY)
    except OSError:
        return None
    try:
        text = os.read(fd, 1 << 14)
    except OSError:
        return None
    finally:
        os.close(fd)
    at = text.find(b"\nPrivate_Dirty:")
    if at < 0:
        return None
    return int(text[at + 15:].split(None, 1)[0]) * 1024


class MemoryBudget(object):
    __slots__ = ("limit", "margin", "path", "base", "writer_pid", "next_check", "peak")

    def __init__(self, limit, path):
        if type(limit) is not int or limit <= 0:
            raise ValueError("objex: max_memory must be a positive number of bytes, not %r" % (limit,))
        self.limit = limit
        self.margin = max(_MIN_MARGIN, limit // 10)
        self.path = path
        self.base = private_dirty() or 0
        self.writer_pid = None
        self.next_check = 0.0
        self.peak = 0

    def used(self):
        own = private_dirty()
        if own is None:
            return 0                 # no /proc: the limit cannot be watched
        used = max(0, own - self.base)
        if self.writer_pid is not None:
            used += private_dirty(self.writer_pid) or 0
        return used

    def check(self):
        now = time.monotonic()
        if now < self.next_check:
            return
        self.next_check = now + INTERVAL
        used = self.used()
        self.peak = max(self.peak, used)
        if used + self.margin >= self.limit:
            raise DumpMemoryLimitError(
                "objex: dump to %s stopped: it used %.1f MiB of memory, within %.1f MiB of max_memory "
                "(%.1f MiB); nothing was written" % (self.path, used / 1048576.0, self.margin / 1048576.0,
                                                     self.limit / 1048576.0))
