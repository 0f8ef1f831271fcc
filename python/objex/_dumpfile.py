"""The dump file: written to a temporary file beside the target path and moved
into place only when complete, so a crash or a kill leaves nothing at the path.
An existing path is refused; nothing is ever overwritten.

SQLite's work runs in a helper process (see _sqlite_writer) fed through a pipe,
so it overlaps with the walk; where no helper can be started (no usable
``sys.executable``, or OBJEX_INPROCESS_WRITER=1) the same statements run here.
"""

import marshal
import os
import sqlite3
import subprocess
import sys

from ._schema import SCHEMA
from ._sqlite_writer import WRITER_SOURCE

PRAGMAS = ("page_size=65536",        # fewer, larger b-tree pages: ~30% faster inserts
           "locking_mode=EXCLUSIVE",
           "journal_mode=OFF",       # no journal, no fsync: the file is worthless
           "synchronous=OFF",        # until it is renamed into place anyway
           "cache_size=-16384")

INSERT_OBJECT = "INSERT INTO object VALUES (?,?,?,?,?,?,?,?,?,?)"
INSERT_REFERENCE = "INSERT INTO reference (src, dst, ref, kind) VALUES (?,?,?,?)"


class DumpExistsError(FileExistsError):
    pass


def _exists_error(path):
    return DumpExistsError("objex: %s already exists; refusing to overwrite it" % path)


def check_target(path):
    """Fail early, with the path in the message, when the dump cannot be written."""
    path = os.fspath(path)
    if os.path.lexists(path):
        raise _exists_error(path)
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise FileNotFoundError("objex: cannot write %s: directory %s does not exist" % (path, parent))
    return path


class _LocalWriter(object):
    def __init__(self, tmp_path):
        self.conn = sqlite3.connect(tmp_path, isolation_level=None, check_same_thread=False)
        for pragma in PRAGMAS:
            self.conn.execute("PRAGMA " + pragma)
        self.conn.executescript(SCHEMA)
        self.conn.execute("BEGIN")

    def many(self, sql, rows):
        self.conn.executemany(sql, rows)

    def execute(self, sql, params=()):
        self.conn.execute(sql, params)

    def commit(self):
        self.conn.execute("COMMIT")
        self.conn.close()
        self.conn = None

    def abort(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
            self.conn = None


class _ProcessWriter(object):
    def __init__(self, tmp_path):
        self.proc = subprocess.Popen([sys.executable, "-I", "-c", WRITER_SOURCE, tmp_path],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, close_fds=True)
        self.pipe = self.proc.stdin
        self._send(("script", SCHEMA))

    def _send(self, message):
        # version 2: no back-references, so no per-object hashtable; with refs
        # (version 3+) marshal's small allocations fragment the heap (+28 MiB
        # peak RSS measured on the 1 M-object benchmark)
        data = marshal.dumps(message, 2)
        try:
            self.pipe.write(len(data).to_bytes(8, "little"))
            self.pipe.write(data)
        except (BrokenPipeError, OSError):
            raise RuntimeError("objex: the SQLite writer process stopped (exit status %s)" % self.proc.poll())

    def many(self, sql, rows):
        self._send(("many", sql, rows))

    def execute(self, sql, params=()):
        self._send(("exec", sql, tuple(params)))

    def commit(self):
        self._send(("commit",))
        try:
            self.pipe.close()
        except OSError:
            pass
        code = self.proc.wait()
        if code != 0:
            raise RuntimeError("objex: the SQLite writer process failed (exit status %d)" % code)

    def abort(self):
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.pipe.close()
        except OSError:
            pass
        self.proc.wait()


def _writer_for(tmp_path):
    if os.environ.get("OBJEX_INPROCESS_WRITER") != "1" and sys.executable and os.access(sys.executable, os.X_OK):
        try:
            return _ProcessWriter(tmp_path)
        except OSError:
            pass
    return _LocalWriter(tmp_path)


class DumpFile(object):
    """A SQLite file being filled; also the walker's row sink."""

    def __init__(self, path):
        self.path = check_target(path)
        directory, name = os.path.split(os.path.abspath(self.path))
        self.tmp_path = os.path.join(directory, ".%s.objex-tmp-%d" % (name, os.getpid()))
        if os.path.lexists(self.tmp_path):
            os.unlink(self.tmp_path)       # a dead attempt of a reused pid
        self.writer = _writer_for(self.tmp_path)

    def objects(self, rows):
        if rows:
            self.writer.many(INSERT_OBJECT, rows)

    def references(self, rows):
        if rows:
            self.writer.many(INSERT_REFERENCE, rows)

    def insert(self, table, rows):
        if rows:
            marks = ",".join("?" * len(rows[0]))
            self.writer.many("INSERT INTO %s VALUES (%s)" % (table, marks), rows)

    def execute(self, sql, params=()):
        self.writer.execute(sql, params)

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
