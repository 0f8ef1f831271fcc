"""Resident memory of this process, in bytes (Linux /proc, else getrusage), and
its start time (what tells two processes that had the same pid apart)."""

import os
import sys

try:
    import resource
except ImportError:          # Windows
    resource = None


def current_rss_bytes():
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return peak_rss_bytes()


def peak_rss_bytes():
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def process_start_ticks():
    """When this process started, in clock ticks after boot (/proc/self/stat's
    field 22, starttime): with the pid it names one process, so two dumps can be
    told to come from the same one (``objex diff``). None where /proc is absent."""
    try:
        with open("/proc/self/stat", "rb") as f:
            stat = f.read()
        # the command name (field 2) may hold spaces and parentheses: count from its last ')'
        return int(stat[stat.rindex(b")") + 2:].split()[19])
    except (OSError, ValueError, IndexError):
        return None
