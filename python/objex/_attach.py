"""Dumps started from outside the program: ``objex attach PID`` (a debugger makes the
target run ``attached_dump`` at its next bytecode), ``objex capture`` (a trigger
thread started with the program) and ``dump_on_signal`` (one line in the program).

The target must go on as if nothing happened: the dump is written by a detached
grandchild (the target waits only for the stack capture and two forks, and is left
with no child to reap and no thread), and nothing here raises into the program.
Progress goes to small JSON status files the waiting command reads.
"""

import json
import os
import signal
import sys
import time

from . import _fork, _stacks
from ._dump import dump_graph
from ._dumpfile import check_target


def _write_json(path, data):
    """Write ``data`` to ``path`` atomically (a reader never sees half a file)."""
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "w") as f:
        json.dump(data, f)
    os.replace(tmp, path)


def detached_dump(path, status=None, max_memory=None):
    """Dump this process to ``path`` from a grandchild that nobody needs to wait for.
    Returns the seconds this process was paused. With ``status``, the grandchild
    writes ``<status>.dumper.json`` ({"pid"}) and ``<status>.done.json`` ({"ok": bool,
    "error": str, "seconds": float}). ``max_memory`` as dump_graph's."""
    path = check_target(path)
    start = time.perf_counter()
    _stacks.inherited = _stacks.StackCapture()
    try:
        pid = _fork.fork_quietly()
    finally:
        if os.getpid() == _stacks.inherited.pid:
            _stacks.inherited = None       # the parent keeps no reference to its frames
    if pid:
        try:
            os.waitpid(pid, 0)             # the intermediate child leaves at once
        except ChildProcessError:          # the program's own SIGCHLD handler reaped it
            pass
        return time.perf_counter() - start
    code = 1
    try:
        if os.fork():
            code = 0                       # the intermediate child: the grandchild is init's
            return 0.0
        os.setsid()                        # not killed with the program's terminal or group
        code = _dump_and_report(path, status, max_memory)
    except BaseException:
        pass
    finally:
        os._exit(code)


def _dump_and_report(path, status, max_memory=None):
    """Dump to ``path``; with ``status``, say who dumps (``<status>.dumper.json``, so a
    waiting command can tell a dumper that died) and how it ended (``.done.json``)."""
    start = time.perf_counter()
    result = {"ok": False, "error": "", "pid": os.getpid()}
    if status:
        try:
            _write_json(status + ".dumper.json", {"pid": os.getpid()})
        except OSError:
            pass
    try:
        dump_graph(path, max_memory=max_memory)
        result["ok"] = True
    except BaseException as e:
        result["error"] = "%s: %s" % (type(e).__name__, e)
    result["seconds"] = time.perf_counter() - start
    if status:
        try:
            _write_json(status + ".done.json", result)
        except OSError:
            pass
    return 0 if result["ok"] else 1


def attached_dump(path, status, in_process=False, max_memory=None):
    """Run by ``objex attach`` inside the target (a pending call of its main thread).
    Writes ``<status>.started.json`` with the pause, then (forked) the grandchild
    writes ``<status>.done.json``. Never raises: the program must not see it."""
    try:
        try:                                        # the command may have given up waiting:
            os.close(os.open(status + ".claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except OSError:                             # whoever creates the claim first decides
            return
        info = {"pid": os.getpid(), "python": sys.version.split()[0], "in_process": bool(in_process)}
        if in_process:
            start = time.perf_counter()
            code = _dump_and_report(path, status, max_memory)
            info["paused_s"] = time.perf_counter() - start
            info["ok"] = code == 0
        else:
            info["paused_s"] = detached_dump(path, status, max_memory)
        _write_json(status + ".started.json", info)
    except BaseException as e:
        try:
            _write_json(status + ".started.json", {"error": "%s: %s" % (type(e).__name__, e)})
        except BaseException:
            pass


def dump_on_signal(signum, directory):
    """Dump this process into ``directory`` each time it receives ``signum`` (like
    ``faulthandler.register``): ``objex-<pid>-<n>.db``, written by a detached child
    while the program goes on. Returns the previous handler."""
    directory = os.path.abspath(os.fspath(directory))
    if not os.path.isdir(directory):
        raise FileNotFoundError("objex: cannot dump into %s: no such directory" % directory)
    counter = [0]

    def handler(received, frame):
        del frame                          # the handler keeps no frame alive
        try:
            while True:
                counter[0] += 1
                path = os.path.join(directory, "objex-%d-%d.db" % (os.getpid(), counter[0]))
                if not os.path.lexists(path):
                    break
            detached_dump(path)
        except BaseException as e:
            try:
                sys.stderr.write("objex: dump on signal %d failed: %s\n" % (received, e))
            except BaseException:
                pass

    return signal.signal(signum, handler)
