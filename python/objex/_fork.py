"""spawn_dump / wait_dump: dump from a forked child while the caller goes on.

The parent is paused only for the stack capture and the fork itself; the child
writes the dump (its memory is a copy-on-write snapshot of the parent's) and
leaves with ``os._exit`` so none of the parent's exit handlers or buffered
output run twice."""

import os
import signal
import sys
import warnings
from typing import Optional

from . import _stacks
from ._budget import EXIT_STATUS, DumpMemoryLimitError, MemoryBudget
from ._dump import dump_graph
from ._dumpfile import PathArg, check_target


def spawn_dump(path: PathArg, print_info: bool = False, max_memory: Optional[int] = None) -> int:
    """Fork; the child dumps this process's graph to ``path`` and exits 0 (1 on
    failure, 3 when ``max_memory`` stopped it, with one line on stderr). Returns
    the child's pid at once. ``max_memory``: bytes the dump may add, the child's
    private memory and its writer's (docs: README, "What a dump costs")."""
    path = check_target(path)
    if max_memory is not None:
        MemoryBudget(max_memory, path)          # a bad limit fails here, in the caller
    _stacks.inherited = _stacks.StackCapture()
    try:
        pid = fork_quietly()
    finally:
        if os.getpid() == _stacks.inherited.pid:
            _stacks.inherited = None       # the parent keeps no reference to its frames
    if pid:
        return pid
    code = 1
    try:
        dump_graph(path, print_info=print_info, max_memory=max_memory)
        code = 0
    except DumpMemoryLimitError as e:
        code = EXIT_STATUS
        try:
            sys.stderr.write("%s\n" % e)
        except Exception:
            pass
    except BaseException as e:
        try:
            sys.stderr.write("objex: dump to %s failed: %s: %s\n" % (path, type(e).__name__, e))
        except Exception:
            pass
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        os._exit(code)


_IGNORE_FORK_WARNING = ("ignore", None, DeprecationWarning, None, 0)


def fork_quietly():
    """os.fork() without 3.12+'s warning that forking a threaded process may
    deadlock the child (the child here only walks objects and writes SQLite).
    The program's filter list is changed in place and restored, not replaced as
    catch_warnings does: a replaced list lingers in the C warnings state."""
    filters = warnings.filters
    mutated = getattr(warnings, "_filters_mutated", None)
    filters.insert(0, _IGNORE_FORK_WARNING)
    if mutated is not None:
        mutated()
    try:
        return os.fork()
    finally:
        for i, entry in enumerate(filters):
            if entry is _IGNORE_FORK_WARNING:
                del filters[i]
                break
        if mutated is not None:
            mutated()


def wait_dump(pid: int) -> int:
    """Wait for a ``spawn_dump`` child; raise RuntimeError naming the exit status
    or the signal when it did not write its dump."""
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        raise RuntimeError("objex dump process %d was killed by signal %d (%s)" % (pid, sig, name))
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    if code == EXIT_STATUS:
        raise DumpMemoryLimitError("objex dump process %d stopped before its memory reached max_memory;"
                                   " nothing was written" % pid)
    if code != 0:
        raise RuntimeError("objex dump process %d failed with exit status %d" % (pid, code))
    return 0
