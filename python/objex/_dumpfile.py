"""The dump file: written to a temporary file beside the target path and moved
into place only when complete, so a crash or a kill leaves nothing at the path.
An existing path is refused; nothing is ever overwritten."""

import os
import sqlite3

from ._schema import SCHEMA


class DumpExistsError(FileExistsError):
    pass


def check_target(path):
    """Fail early, with the path in the message, when the dump cannot be written."""
    path = os.fspath(path)
    if os.path.lexists(path):
        raise DumpExistsError("objex: %s already exists; refusing to overwrite it" % path)
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise FileNotFoundError("objex: cannot write %s: directory %s does not exist" % (path, parent))
    return path


class DumpFile(object):
    """A SQLite file being filled; also the walker's row sink."""

    def __init__(self, path):
        self.path = check_target(path)
        directory, name = os.path.split(os.path.abspath(self.path))
        self.tmp_path = os.path.join(directory, ".%s.objex-tmp-%d" % (name, os.getpid()))
        if os.path.lexists(self.tmp_path):
            os.unlink(self.tmp_path)       # a dead attempt of a reused pid
        self.conn = sqlite3.connect(self.tmp_path, isolation_level=None, check_same_thread=False)
        # No journal, no fsync: the file is worthless until renamed into place anyway.
        self.conn.execute("PRAGMA page_size=65536")     # fewer, larger b-tree pages: ~30% faster inserts
        self.conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute("PRAGMA cache_size=-16384")
        self.conn.executescript(SCHEMA)
        self.conn.execute("BEGIN")

    def objects(self, rows):
        if rows:
            self.conn.executemany("INSERT INTO object VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def references(self, rows):
        if rows:
            self.conn.executemany("INSERT INTO reference (src, dst, ref, kind) VALUES (?,?,?,?)", rows)

    def insert(self, table, rows):
        if rows:
            marks = ",".join("?" * len(rows[0]))
            self.conn.executemany("INSERT INTO %s VALUES (%s)" % (table, marks), rows)

    def commit_and_publish(self):
        """Commit, close, and move the file to its path without overwriting."""
        self.conn.execute("COMMIT")
        self.conn.close()
        self.conn = None
        try:
            os.link(self.tmp_path, self.path)       # fails if the path appeared meanwhile
        except FileExistsError:
            self.discard()
            raise DumpExistsError("objex: %s already exists; refusing to overwrite it" % self.path)
        except OSError:
            if os.path.lexists(self.path):
                self.discard()
                raise DumpExistsError("objex: %s already exists; refusing to overwrite it" % self.path)
            os.replace(self.tmp_path, self.path)    # no hard links on this file system
            return
        os.unlink(self.tmp_path)

    def discard(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
            self.conn = None
        try:
            os.unlink(self.tmp_path)
        except OSError:
            pass
