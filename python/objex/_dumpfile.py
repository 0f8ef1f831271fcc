"""The dump file: written to a temporary file beside the target path and moved
into place only when complete, so a crash or a kill leaves nothing at the path.
An existing path is refused; nothing is ever overwritten.

SQLite's work runs in a helper process (_writer) fed through a pipe, so it
overlaps with the walk; where no helper can be started (no usable
``sys.executable``, no source of _writer to run, or OBJEX_INPROCESS_WRITER=1)
the same writer runs here.
"""

import marshal
import os
import subprocess
import sys
import tempfile
from typing import Union

try:
    import fcntl        # at import: a first import during a dump would add modules to the heap
except ImportError:
    fcntl = None

from . import _writer
from ._schema import SCHEMA

# subprocess.Popen (3.8) asks isinstance(args, os.PathLike) of the writer's argument
# list: the first time, abc caches the answer (a weakref, its callback and a set) in
# the process being measured. Asked here, at import, a dump adds nothing (until some
# class's ABC.register() clears abc's negative caches).
isinstance([], os.PathLike)

# what dump_graph and spawn_dump accept as a path (checked by check_target)
PathArg = Union[str, "os.PathLike[str]"]


class DumpExistsError(FileExistsError):
    pass


def _exists_error(path):
    return DumpExistsError("objex: %s already exists; refusing to overwrite it" % path)


def check_target(path):
    """Fail early (before any walking), with the path in the message, when the dump
    cannot be written."""
    path = os.fspath(path)
    if not isinstance(path, str) or not path or path.endswith(os.sep):
        raise ValueError("objex: %r is not a file path for the dump" % (path,))
    if os.path.lexists(path):
        raise _exists_error(path)
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise FileNotFoundError("objex: cannot write %s: directory %s does not exist" % (path, parent))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PermissionError("objex: cannot write %s: directory %s is not writable" % (path, parent))
    return path


class _LocalWriter(object):
    def __init__(self, tmp_path):
        self.writer = _writer.Writer(tmp_path)
        self.send(("script", SCHEMA))

    def send(self, message):
        self.writer.handle(message)

    def commit(self):
        self.writer.handle(("commit",))

    def abort(self):
        self.writer.close()


def _writer_source():
    try:
        return _writer.__loader__.get_source(_writer.__name__)
    except Exception:
        return None


class _ProcessWriter(object):
    def __init__(self, tmp_path, path, source):
        self.path = path
        # The writer's one-line error goes to a file, not a pipe: a pipe nobody reads
        # until the writer exits could fill and hang both processes.
        self.errors = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([sys.executable, "-I", "-c", source, tmp_path],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=self.errors, close_fds=True)
        self.pipe = self.proc.stdin
        _widen(self.pipe)
        self.send(("script", SCHEMA))

    def _failure(self, code):
        """The writer's own one-line reason (say, the disk is full), with the file."""
        reason = ""
        try:
            self.errors.seek(0)
            reason = self.errors.read(4096).decode("utf-8", "replace").strip().splitlines()[-1]
        except (OSError, IndexError):
            pass
        reason = reason.replace("objex writer: ", "", 1) or "exit status %s" % code
        return RuntimeError("objex: writing %s failed: %s" % (self.path, reason))

    def send(self, message):
        # version 2: no back-references, so no per-object hashtable; with refs
        # (version 3+) marshal's small allocations fragment the heap (+28 MiB
        # peak RSS measured on the 1 M-object benchmark)
        data = marshal.dumps(message, 2)
        try:
            self.pipe.write(len(data).to_bytes(8, "little"))
            self.pipe.write(data)
        except (BrokenPipeError, OSError):
            if self.proc.poll() is None:
                self.proc.kill()
            raise self._failure(self.proc.wait())

    def commit(self):
        self.send(("commit",))
        try:
            self.pipe.close()
        except OSError:
            pass
        code = self.proc.wait()
        if code != 0:
            raise self._failure(code)
        self.errors.close()

    def abort(self):
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.pipe.close()
        except OSError:
            pass
        self.proc.wait()
        self.errors.close()


def _widen(pipe):
    """A 1 MiB pipe buffer (Linux; 64 KiB by default) lets the walk run ahead of
    the writer by a whole message instead of waiting on every 64 KiB."""
    if fcntl is None:
        return
    try:
        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (OSError, ValueError):
        pass


def _writer_for(tmp_path, path):
    source = _writer_source()
    if os.environ.get("OBJEX_INPROCESS_WRITER") != "1" and source and sys.executable \
            and os.access(sys.executable, os.X_OK):
        try:
            return _ProcessWriter(tmp_path, path, source)
        except OSError:
            pass
    return _LocalWriter(tmp_path)


class DumpFile(object):
    """A SQLite file being filled (through _messages.Out for the walk's rows)."""

    def __init__(self, path, budget=None):
        self.path = check_target(path)
        self.budget = budget
        directory, name = os.path.split(os.path.abspath(self.path))
        self.tmp_path = os.path.join(directory, ".%s.objex-tmp-%d" % (name, os.getpid()))
        if os.path.lexists(self.tmp_path):
            os.unlink(self.tmp_path)       # a dead attempt of a reused pid
        self.writer = _writer_for(self.tmp_path, self.path)
        if budget is not None and isinstance(self.writer, _ProcessWriter):
            budget.writer_pid = self.writer.proc.pid

    def begin_objects(self, n_gc):
        self.writer.send(("objects", n_gc, sys.version_info >= (3, 12)))

    def batch(self, records):
        if self.budget is not None:
            self.budget.check()
        self.writer.send(("batch", records))

    def insert(self, table, rows):
        if rows:
            marks = ",".join("?" * len(rows[0]))
            self.writer.send(("many", "INSERT INTO %s VALUES (%s)" % (table, marks), rows))

    def execute(self, sql, params=()):
        self.writer.send(("exec", sql, tuple(params)))

    def refcount_corrections(self, rows):
        """(references to take off, id) of objects the collector itself holds."""
        if rows:
            self.writer.send(("refcounts", rows))

    def commit_and_publish(self):
        """Commit, close, and move the file to its path without overwriting."""
        self.writer.commit()
        self.writer = None
        try:
            os.link(self.tmp_path, self.path)       # fails if the path appeared meanwhile
        except FileExistsError:
            self.discard()
            raise _exists_error(self.path)
        except OSError:
            if os.path.lexists(self.path):
                self.discard()
                raise _exists_error(self.path)
            os.replace(self.tmp_path, self.path)    # no hard links on this file system
            return
        os.unlink(self.tmp_path)

    def discard(self):
        if self.writer is not None:
            self.writer.abort()
            self.writer = None
        try:
            os.unlink(self.tmp_path)
        except OSError:
            pass
