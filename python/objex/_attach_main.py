"""Run inside a process ``objex attach`` reached with a debugger (never imported by
the package itself). The command makes the target's main thread run, at its next
bytecode,

    exec(compile(open(F).read(), F, "exec"), {"__name__": "__objex_attach__", "REQUEST": R,
                                              "PAGE": address})

with F this file, so that nothing is bound in the program's ``__main__``; R names a
JSON request: {"path", "status", "in_process", "pydir", "max_memory"}. The collector is imported
from ``pydir`` (a copy the command extracted), and ``sys.path`` is put back as it was.
PAGE is the page gdb mapped for that line (0: none, as with 3.14's sys.remote_exec):
unmapped first, since the line is compiled by now.
"""

import json
import sys


def _unmap(page):
    if not page:
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None)
        libc.munmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t)
        libc.munmap(page, 4096)
    except BaseException:
        pass


def _main(request_path):
    try:
        with open(request_path) as f:
            request = json.load(f)
    except BaseException:
        return
    saved = list(sys.path)
    try:
        sys.path.insert(0, request["pydir"])
        from objex import _attach
    except BaseException as e:
        try:
            with open(request["status"] + ".started.json", "w") as f:
                json.dump({"error": "cannot import the collector: %s: %s" % (type(e).__name__, e)}, f)
        except BaseException:
            pass
        return
    finally:
        sys.path[:] = saved
    _attach.attached_dump(request["path"], request["status"], request.get("in_process", False),
                          request.get("max_memory"))


_unmap(globals().get("PAGE", 0))
_main(REQUEST)  # noqa: F821 (given by the exec that runs this file)
