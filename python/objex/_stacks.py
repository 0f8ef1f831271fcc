"""Thread stacks, captured so that a forked child can still see them.

After ``fork()`` only the forking thread exists in the child: the other threads'
frames are freed with their thread states. Capturing, in the parent just before
the fork, every thread's top frame and the chain of ``f_back`` frames keeps those
frames alive in the child, which reads their locals itself (_framelocals): the
parent's pause is the capture and the fork, and its frames are left unchanged.
Only ``spawn_dump`` captures: a plain ``os.fork()`` of the program runs nothing
of objex, and a dump in its child sees the forking thread's stack only.
"""

import os
import sys
import threading
import types

from . import _memory, _rss, _safe

_PKG_DIR = os.path.dirname(os.path.abspath(__file__))
_f_back = types.FrameType.__dict__["f_back"].__get__
_f_code = types.FrameType.__dict__["f_code"].__get__
_co_filename = types.CodeType.__dict__["co_filename"].__get__
_obj_getattribute = object.__getattribute__


_own_file_cache = {}


def is_own_frame(frame):
    """A frame running this package's code: bookkeeping, never dumped."""
    try:
        filename = _co_filename(_f_code(frame))
    except Exception:
        return False
    if type(filename) is not str:
        return False
    own = _own_file_cache.get(filename)
    if own is None:
        # co_filename keeps the sys.path entry as it was given ("app/../python/objex/x.py"):
        # compare normalised paths, once per file name.
        own = os.path.dirname(os.path.abspath(filename)) == _PKG_DIR
        _own_file_cache[filename] = own
    return own


class ThreadInfo(object):
    __slots__ = ("ident", "top", "name", "is_main", "native_id")

    def __init__(self, ident, top, name, is_main, native_id):
        self.ident = ident
        self.top = top
        self.name = name
        self.is_main = is_main
        self.native_id = native_id


def _thread_field(thread, name, kind):
    # a Thread subclass may make _name/_ident a property: read what the
    # instance stores, never a descriptor of the class (_safe.instance_attr)
    value = _safe.instance_attr(thread, name)
    return value if type(value) is kind else None


class StackCapture(object):
    """Every thread's stack (own frames skipped) and the process facts that must
    be measured before a fork (pid, RSS). On 3.11+ reading ``f_back`` creates
    the frame objects of a running stack that do not exist yet: they live as
    long as their frames run (the documented cost of a capture)."""

    def __init__(self):
        self.pid = os.getpid()
        self.rss_bytes = _rss.current_rss_bytes()
        self.peak_rss_bytes = _rss.peak_rss_bytes()
        self.start_ticks = _rss.process_start_ticks()
        self.threads = []
        self.frames = []
        active = threading._active
        main = threading.main_thread()
        main_ident = _thread_field(main, "_ident", int)
        current = sys._current_frames()
        for ident, top in list(current.items()):
            while top is not None and is_own_frame(top):
                top = _f_back(top)
            if top is None:
                continue
            thread = dict.get(active, ident) if type(active) is dict else None
            name = _thread_field(thread, "_name", str) if thread is not None else None
            native = _thread_field(thread, "_native_id", int) if thread is not None else None
            self.threads.append(ThreadInfo(ident, top, name, ident == main_ident, native))
            frame = top
            while frame is not None:
                self.frames.append(frame)
                frame = _f_back(frame)
        # the address space now (a forked child's resident set is not its parent's);
        # every Python thread's ident is an address on its own stack
        self.memory = _memory.ProcessMemory(list(current))
        del current

    def bookkeeping(self):
        """Containers this capture created (to exclude from the dump) and how many
        references it holds to each object of the process (to fix refcounts)."""
        own = [self.threads, self.frames]
        own.extend(self.threads)
        own.extend(self.memory.bookkeeping())
        held = {}
        for f in self.frames:
            held[id(f)] = held.get(id(f), 0) + 1
        for t in self.threads:
            held[id(t.top)] = held.get(id(t.top), 0) + 1
        return own, held


# spawn_dump's capture, set just before its fork: kept by the child, cleared in the parent.
inherited = None
