"""dump_graph: collect the calling process's object graph into one SQLite file."""

import gc
import json
import os
import platform
import socket
import sys
import threading
import time
from typing import Optional

from . import _external, _framelocals, _labels, _memory, _sites, _stacks, _tables, _tracepause
from ._budget import MemoryBudget
from ._dumpfile import DumpFile, PathArg, check_target
from ._keys import key, key_of_address
from ._edges import WEAK
from ._messages import Out
from ._schema import FORMAT_VERSION
from ._walker import Walk

__version__ = "1.0.0"

# Read once at import: platform's first calls fill its caches, which must not
# change the heap while it is being dumped.
_PLATFORM = (platform.python_version(), platform.python_implementation(), platform.platform())


def _own_frames():
    """This package's frames on the calling thread's stack (bookkeeping)."""
    frames = []
    f = sys._getframe(1)
    while f is not None and _stacks.is_own_frame(f):
        frames.append(f)
        f = f.f_back
    return frames


def runs_alone(capture, forked):
    """Whether no other thread can run Python code during the walk: spawn_dump's
    child (a fork keeps one thread), or a process where ``threading`` counts one
    thread and the stack capture saw no other thread in Python code (a thread
    started through ``_thread``, or by C code, is not in ``threading``'s count)."""
    me = threading.get_ident()
    return forked or (threading.active_count() <= 1 and all(t.ident == me for t in capture.threads))


def _capture_for_this_dump():
    """In spawn_dump's child, the capture its parent took before the fork;
    otherwise a fresh one. The calling thread's own stack is
    live in either case and is taken as it is now."""
    inherited = _stacks.inherited
    if inherited is not None and inherited.pid != os.getpid():
        return inherited, True
    return _stacks.StackCapture(), False


def _meta_row(capture, forked, gc_enabled, gc_counts):
    immortal = sys.getrefcount(None) if sys.version_info >= (3, 12) else None
    peak = capture.peak_rss_bytes
    return (0, time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), capture.pid,
            socket.gethostname(), (peak or 0) / 1048576.0,
            "[%d,%d,%d]" % gc_counts, 0, None, FORMAT_VERSION, "objex-py " + __version__,
            _PLATFORM[0], _PLATFORM[1], _PLATFORM[2],
            json.dumps([a if type(a) is str else "?" for a in sys.argv]), sys.executable or "",
            capture.rss_bytes, peak, None, None, immortal, 1 if forked else 0,
            1 if gc_enabled else 0, "[%d,%d,%d]" % gc.get_threshold(),
            capture.start_ticks)


def dump_graph(path: PathArg, print_info: bool = False, use_gc: bool = False,
               max_memory: Optional[int] = None) -> PathArg:
    """Write every object of this process and every reference between them to a
    new SQLite file at ``path`` (refused if it exists). ``use_gc`` also fills the
    ``gc_referent`` table; ``print_info`` prints a summary to stdout. With
    ``max_memory`` (bytes), the dump stops before the memory it adds (this
    process's growth and its writer's, _budget) reaches it, and raises
    DumpMemoryLimitError with nothing written."""
    gc_counts = gc.get_count()   # first, before the dump allocates: the program's own counts
    started = time.time()
    path = check_target(path)
    budget = None if max_memory is None else MemoryBudget(max_memory, path)
    capture, forked = _capture_for_this_dump()
    # in spawn_dump's child only: the program's own process keeps every trace exact
    resume_tracing = _tracepause.pause() if forked else None
    was_enabled = gc.isenabled()
    gc.disable()          # a collection mid-walk would only cost time: the walk holds everything
    # the allocators before the dump allocates (in spawn_dump's child: the parent's state, copied)
    allocators = _memory.allocator_rows()
    out = None
    try:
        gc_objects = gc.get_objects()
        own, held = capture.bookkeeping()
        buffers = _external.DumpBuffers(capture.memory.mappings)
        own = list(own) + [gc_objects, capture, allocators, buffers, buffers.recorded, capture.memory.mappings, budget] \
            + allocators + _own_frames()
        skip = set(map(key, own))
        skip.discard(key(None))
        skip_types = set(map(id, map(type, own)))
        del own
        out = DumpFile(path, budget)
        meta = _meta_row(capture, forked, was_enabled, gc_counts)
        out.insert("meta", [meta])
        me = threading.get_ident()
        threads = [t for t in capture.threads if t.ident != me]
        live = _live_thread(capture, me)
        if live is not None:
            threads.insert(0, live)
        roots = [t.top for t in threads] + capture.frames
        for f in roots:
            held[id(f)] = held.get(id(f), 0) + 1
        if live is not None:
            held[id(live.top)] = held.get(id(live.top), 0) + 1
        _labels.MATERIALIZE = forked
        sink = Out(out)
        g = Walk(sink, buffers, compact_ids=forked)
        g.alone = runs_alone(capture, forked)
        g.start(gc_objects, roots, skip, skip_types)    # empties gc_objects: g.objs holds them
        g.run()
        _add_weak_edges(g, sink)
        sink.flush()
        _correct_refcounts(out, g, held)
        _write_tables(out, g, threads)
        out.insert("memory", capture.memory.rows + allocators)
        out.insert("external_buffer", buffers.recorded)
        if use_gc:
            out.execute("INSERT INTO gc_referent SELECT src, dst FROM reference WHERE kind != 1")
        duration = time.time() - started
        out.execute("UPDATE meta SET duration_s = ?, object_count = ?, reference_count = ?",
                    (duration, g.object_count, g.reference_count))
        counts = (g.object_count, g.reference_count)
        del g
        out.commit_and_publish()
    except BaseException:
        if out is not None:
            out.discard()
        raise
    finally:
        _framelocals.forget_names()
        if was_enabled:
            gc.enable()
        if resume_tracing is not None:
            resume_tracing()
    if print_info:
        _print_info(path, time.time() - started, counts)
    return path


def _add_weak_edges(g, sink):
    """Weak edges, known by their referent's key (a weakly held object is in the
    dump only if something else reaches it)."""
    ids = g.find_keys(set(k for _, k in g.pending_weak))
    edges = [(src, ids[k]) for src, k in g.pending_weak if ids[k] >= 0]
    if edges:
        sink.explicit([s for s, _ in edges], [d for _, d in edges], ["()"] * len(edges),
                      [WEAK] * len(edges))


def _correct_refcounts(out, g, held):
    """Take out the references the collector itself holds (its stack capture)."""
    ids = [(n, g.id_of_key(key_of_address(a))) for a, n in held.items()]
    out.refcount_corrections([(n, d) for n, d in ids if d >= 0])


def _live_thread(capture, me):
    """The calling thread, with its stack as it is now (own frames skipped)."""
    top = sys._getframe(0)
    while top is not None and _stacks.is_own_frame(top):
        top = top.f_back
    if top is None:
        return None
    old = [t for t in capture.threads if t.ident == me]
    if old:
        t = old[0]
        return _stacks.ThreadInfo(me, top, t.name, t.is_main, t.native_id)
    t = threading.current_thread()
    return _stacks.ThreadInfo(me, top, None, t is threading.main_thread(), None)


def _write_tables(out, g, threads):
    modules, by_name = _tables.module_rows(g)
    out.insert("module", modules)
    types_rows, bases = _tables.type_rows(g, by_name)
    out.insert("pytype", types_rows)
    out.insert("pytype_bases", bases)
    out.insert("pycode", _tables.code_rows(g))
    out.insert("function", _tables.function_rows(g, by_name))
    out.insert("pyframe", _tables.frame_rows(g))
    out.insert("pygen", _tables.generator_rows(g))
    out.insert("thread", _tables.thread_rows(g, threads))
    found = _sites.sites_of(g.objs)
    if found is not None:
        sites, pairs = found
        out.insert("site", _sites.site_rows(sites, [g.objs[i] for i in g.codes]))
        out.insert("object_site", pairs)


def _print_info(path, duration, counts):
    size = os.path.getsize(path) / 1048576.0
    print("objex: wrote %s: %d objects, %d references, %.1f MiB in %.1f s"
          % (path, counts[0], counts[1], size, duration))
