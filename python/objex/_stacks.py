"""Thread stacks, captured so that a forked child can still see them.

After ``fork()`` only the forking thread exists in the child: the other threads'
frames are freed with their thread states. Capturing, in the parent just before
the fork, every thread's top frame, the chain of ``f_back`` frames and a snapshot
of each frame's locals keeps them alive (and their locals reachable) in the child.
``spawn_dump`` captures explicitly; an ``os.register_at_fork`` hook does the same
for a plain ``os.fork()`` (the README's snippet), released again in the parent.
"""

import os
import sys
import threading
import types

from . import _rss, _safe

_PKG_DIR = os.path.dirname(os.path.abspath(__file__))
_f_back = types.FrameType.__dict__["f_back"].__get__
_f_code = types.FrameType.__dict__["f_code"].__get__
_f_locals = types.FrameType.__dict__["f_locals"].__get__
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


def _snapshot_locals(frame):
    """(locals, is_copy): up to 3.12 (and for module frames) the frame's own
    locals dict; on 3.13 a copy of the fresh proxy f_locals returns."""
    try:
        loc = _f_locals(frame)
    except Exception:
        return {}, True
    if type(loc) is dict:
        return loc, False
    try:
        return dict(loc), True
    except Exception:
        return {}, True


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
    """Every thread's stack (own frames skipped), the frames' locals, and the
    process facts that must be measured before a fork (pid, RSS)."""

    def __init__(self, with_locals=True):
        self.pid = os.getpid()
        self.rss_bytes = _rss.current_rss_bytes()
        self.peak_rss_bytes = _rss.peak_rss_bytes()
        self.threads = []
        self.frames = []
        self.locals = {}            # id(frame) -> locals snapshot
        self.copies = []            # the snapshots that are this capture's own dicts
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
                if with_locals:
                    snap, is_copy = _snapshot_locals(frame)
                    self.locals[id(frame)] = snap
                    if is_copy:
                        self.copies.append(snap)
                frame = _f_back(frame)
        del current

    def bookkeeping(self):
        """Containers this capture created (to exclude from the dump) and how many
        references it holds to each object of the process (to fix refcounts)."""
        own = [self.threads, self.frames, self.locals, self.copies]
        own.extend(self.threads)
        own.extend(self.copies)
        held = {}
        for f in self.frames:
            held[id(f)] = held.get(id(f), 0) + 1
        for t in self.threads:
            held[id(t.top)] = held.get(id(t.top), 0) + 1
        copies = set(id(c) for c in self.copies)
        for snap in self.locals.values():
            if id(snap) in copies:
                for k, v in snap.items():
                    held[id(v)] = held.get(id(v), 0) + 1
                    held[id(k)] = held.get(id(k), 0) + 1
            else:
                held[id(snap)] = held.get(id(snap), 0) + 1
        return own, held


# The capture taken by the at-fork hook: kept by the child, dropped by the parent.
_pending = None
inherited = None


def _before_fork():
    global _pending
    if _explicit is None:
        try:
            _pending = StackCapture()
        except Exception:
            _pending = None


def _after_fork_parent():
    global _pending
    _pending = None


def _after_fork_child():
    global _pending, inherited
    inherited = _explicit if _explicit is not None else _pending
    _pending = None


_explicit = None


def set_explicit(capture):
    """spawn_dump's own capture, used instead of the hook's for that fork."""
    global _explicit
    _explicit = capture


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_parent,
                        after_in_child=_after_fork_child)
