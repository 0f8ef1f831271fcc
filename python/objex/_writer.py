"""The SQLite writer: turns the walk's records (_rows, _messages) into rows.

It runs in a helper process (``python -I -c <this module's source> <path>``, fed
through a pipe by _dumpfile) so that SQLite's work overlaps with the walk on the
other core, or in the dumping process where no interpreter can be started. It
imports nothing but the standard library and never sees an object of the dumped
program: only ints, strings and packed arrays (and, in-process, exact ints,
floats and strings, whose ``repr`` is C code).

Speed: rows go in as multi-row ``INSERT ... VALUES (...),(...)`` statements of
up to 999 parameters (the limit before SQLite 3.32): one statement step per
hundreds of rows is ~3.5x faster than ``executemany`` of one row per step.
Columns are spliced into the flat parameter list by extended-slice assignment.

Messages (the pipe: 8-byte little-endian length + ``marshal`` version 2 data):
``("script", sql)``; ``("objects", n_gc, immortals)`` (3.12+:
refcounts may mark immortal objects) before the first object row; ``("batch",
records)``; ``("refcounts", [(n, id)])`` (take n off those refcounts); ``("many",
sql, rows)``; ``("exec", sql, params)``; ``("commit",)``, after which the file is
complete.

Memory: the writer holds no map of its own (every id it is sent is a dense id),
SQLite's page cache is small (``cache_size``: inserts only append) and at most
``BACKLOG_MAX`` deferred snapshot rows wait.
"""

import marshal
import os
import select
import sqlite3
import sys
import time
from array import array
from collections import deque
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, eq, ge, getitem, gt, is_, ne, not_, rshift, sub

PRAGMAS = ("page_size=65536",        # fewer, larger b-tree pages: ~30% faster inserts
           "locking_mode=EXCLUSIVE",
           "journal_mode=OFF",       # no journal, no fsync: the file is worthless
           "synchronous=OFF",        # until it is renamed into place anyway
           "cache_size=-4096")       # KiB: appends need only each b-tree's right edge
MAX_PARAMS = 999
MAX_CHARS = 200
ELLIPSIS = "\u2026"
IMMORTAL = 2147483648                # 3.12+: refcounts at or above 2**31 mark immortal objects
OWN_REFS = 3                         # the walk's references in each raw refcount (see _rows)
INDEX_LABELS = 1 << 16               # "0", "1", ... kept as shared strings
KEY_LABELS = 1 << 16                 # "@<key id>" labels kept for keys met again
MAX_SHAPES = 512                     # statements of each kind kept open (and in SQLite's cache)
INDEX_SHAPES = 8                     # lists and tuples up to this long get their labels as literals
MAX_LITERAL = 64                     # longer labels are bound
BACKLOG_ROWS = 4096                  # deferred snapshot rows inserted per idle moment
BACKLOG_MAX = 1 << 17                # deferred snapshot rows held at most (~6 MiB)
PART_ROWS = 4096                     # object rows turned into parameters at once
REFS = "INSERT INTO reference (src, dst, ref) VALUES "


def _q(data):
    a = array("q")
    a.frombytes(data)
    return a


def _i(data):
    a = array("i")
    a.frombytes(data)
    return a


class _Inserter(object):
    """Rows of one statement shape, gathered until a full multi-row statement."""

    def __init__(self, conn, head, row, ncols):
        self.conn, self.head, self.row, self.ncols = conn, head, row, ncols
        self.rows = MAX_PARAMS // ncols
        self.width = self.rows * ncols
        self.sql = self._sql(self.rows)
        self.sized = {}
        self.pending = []

    def _sql(self, rows):
        return self.head + ",".join(map(self.row, range(rows)))

    def add(self, flat):
        pending = self.pending
        pending += flat
        if len(pending) >= self.width:
            full = len(pending) // self.width
            self.conn.executemany(self.sql, islice(zip(*[iter(pending)] * self.width), full))
            self.pending = pending[full * self.width:]

    def finish(self):
        """Write what is pending, as statements of 64, 32, ... 1 rows: a few texts
        per shape, which SQLite's statement cache keeps prepared."""
        pending, width, at = self.pending, self.ncols, 0
        for size in (64, 32, 16, 8, 4, 2, 1):
            n = size * width
            while len(pending) - at >= n:
                self.conn.execute(self._sized(size), pending[at:at + n])
                at += n
        self.pending = []

    def _sized(self, rows):
        sql = self.sized.get(rows)
        if sql is None:
            sql = self.sized[rows] = self._sql(rows)
        return sql


def _text(value):
    """A string SQLite can store: lone surrogates (undecodable file names) escaped."""
    if type(value) is str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _texts(values):
    """``values`` (strings, or 0 for none), with any string SQLite cannot store escaped."""
    try:
        "".join(values).encode("utf-8")
        return values
    except (TypeError, UnicodeEncodeError):      # a 0 among them, or a lone surrogate
        return list(map(_text, values))


class Writer(object):
    """``defer_snapshot``: the gc snapshot's object rows, which the walk sends all at
    once at its start, wait in ``backlog`` (up to BACKLOG_MAX rows) and go in when
    no message is waiting (``work_backlog``) or at the latest before the file is
    finished: the writer then works while the walk resolves its first references
    instead of holding it up."""

    def __init__(self, path, defer_snapshot=False):
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                    cached_statements=3 * MAX_SHAPES)
        for pragma in PRAGMAS:
            self.conn.execute("PRAGMA " + pragma)
        self.conn.execute("BEGIN")
        # plain "?" only: Python 3.12+ warns on every call with numbered ones
        self.objects = {}                # row shape with literals -> its _Inserter
        self.n_gc = 0
        self.immortal = True             # whether its refcounts can mark immortal objects
        self.defer = defer_snapshot
        self.backlog = deque()           # [snapshot record, rows already inserted]
        self.backlog_rows = 0
        self.key_labels = {}
        self.refs = _Inserter(self.conn, REFS, lambda r: "(?,?,?)", 3)
        self.kind_refs = _Inserter(self.conn, "INSERT INTO reference (src, dst, ref, kind) VALUES ",
                                   lambda r: "(?,?,?,?)", 4)
        self.labelled = {}               # labels of one source's rows -> their _Inserter
        self.entry_refs = _Inserter(self.conn, REFS, lambda r: "(?,?,'<key>'),(?,?,?)", 5)
        self.index = [str(j) for j in range(1024)]
        self.records = {"R": self._run, "S": self._seq, "T": self._members, "D": self._entries,
                        "L": self._layout, "X": self._explicit}

    def handle(self, message):
        """Apply one message; True once the file is committed and closed."""
        op = message[0]
        if op == "batch":
            records = self.records
            for record in message[1]:
                records[record[0]](record)
            # object rows of rare shapes go in now, not at the end: inserts far
            # behind the table's end cost a b-tree seek and split each
            for inserter in self.objects.values():
                inserter.finish()
        elif op == "objects":
            self.n_gc, self.immortal = message[1], message[2]
        elif op == "refcounts":
            self._finish()
            self.conn.executemany("UPDATE object SET refcount = refcount - ? "
                                  "WHERE id = ? AND is_immortal = 0", message[1])
        elif op == "many":
            self._finish()
            self.conn.executemany(message[1], [tuple(map(_text, row)) for row in message[2]])
        elif op == "exec":
            self._finish()
            self.conn.execute(message[1], tuple(map(_text, message[2])))
        elif op == "script":
            self.conn.execute("COMMIT")
            self.conn.executescript(message[1])
            self.conn.execute("BEGIN")
        elif op == "commit":
            self._finish()
            self.conn.execute("COMMIT")
            self.close()
            return True
        return False

    def _finish(self):
        while self.backlog:
            self.work_backlog(1 << 62)
        self._flush()

    def _flush(self):
        for inserter in (list(self.objects.values()) + list(filter(None, self.labelled.values()))
                         + [self.refs, self.kind_refs, self.entry_refs]):
            inserter.finish()

    def work_backlog(self, limit=BACKLOG_ROWS):
        """Insert up to ``limit`` rows of the deferred snapshot records."""
        entry = self.backlog[0]
        record, done = entry
        if record[2] - done <= limit:
            self.backlog.popleft()
        else:
            entry[1] = done + limit
        end = min(record[2], done + limit)
        self.backlog_rows -= end - done
        for a in range(done, end, PART_ROWS):
            self._insert_run(_part(record, a, min(end, a + PART_ROWS)))

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            finally:
                self.conn = None

    # object rows: (id, pytype, size, len, refcount, in_gc_objects, is_gc_tracked,
    # address, value, is_immortal). What a whole run shares is a literal of the
    # statement (binding is most of SQLite's cost here), so a row binds 3 to 8
    # values; runs that share type and literals share statements.

    def _run(self, record):
        if self.defer and record[1] < self.n_gc:
            if self.backlog_rows + record[2] <= BACKLOG_MAX:
                self.backlog.append([record, 0])
                self.backlog_rows += record[2]
                return
            while self.backlog:              # full: the rows in id order, the oldest first
                self.work_backlog(1 << 62)
        c = record[2]
        for a in range(0, c, PART_ROWS):     # bounded temporaries: a row costs ~300 B here
            self._insert_run(_part(record, a, min(c, a + PART_ROWS)))

    def _insert_run(self, record):
        _, n0, c, tid, size, rcs, addrs, tracked, lens, kind, values = record
        addrs = _q(addrs)
        # (in Python, not as "?-3" in the statement: an expression among the values
        # makes SQLite's multi-row insert ~50% slower per row)
        rcs = _q(rcs)
        refcounts = list(map(sub, rcs, repeat(OWN_REFS)))
        immortal = None
        if self.immortal and max(rcs) >= IMMORTAL:
            immortal = [0] * c
            for j in compress(range(c), map(ge, rcs, repeat(IMMORTAL))):
                refcounts[j] = rcs[j]
                immortal[j] = 1
        if lens is not None:
            lens = _q(lens)
        columns = [range(n0, n0 + c)]
        row = ["?", str(tid)]
        for value, shared, none in ((size, type(size) is int, None), (lens, False, "NULL")):
            if shared:
                row.append(str(value))
            elif value is None:
                row.append(none)
            else:
                row.append("NULLIF(?,-1)" if value is lens else "?")
                columns.append(_q(value) if value is size else value)
        row.append("?")
        columns.append(refcounts)
        row.append("1" if n0 < self.n_gc else "0")          # the gc snapshot is ids 0..n_gc-1
        if type(tracked) is int:
            row.append(str(tracked))
        else:
            row.append("?")
            columns.append(tracked)
        row.append("?")
        columns.append(addrs)
        if kind is None:
            row.append("NULL")
        else:
            row.append("NULLIF(?,0)")
            columns.append(render_values(kind, values, lens, c))
        if immortal is None:
            row.append("0")
        else:
            row.append("?")
            columns.append(immortal)
        self._object_rows(",".join(row), columns, c)

    def _object_rows(self, row, columns, c):
        width = len(columns)
        flat = [0] * (width * c)
        for j, column in enumerate(columns):
            flat[j::width] = column
        inserter = self.objects.get(row)
        if inserter is None:
            if len(self.objects) >= MAX_SHAPES:
                self._flush()
                self.objects.clear()
            inserter = self.objects[row] = _Inserter(self.conn, "INSERT INTO object VALUES ",
                                                     ("(" + row + ")").format, width)
        inserter.add(flat)

    # references. Labels that a record implies are literals of the statement where
    # they can be (a bound text costs ~3x a bound int): one statement shape per
    # instance layout, per short list length, for sets and for dict entries. A
    # source's rows all go through one shape, so they keep their order.

    def _add3(self, srcs, dst, labels):
        if -1 in dst:                        # edges to the collector's own objects
            keep = list(map(ne, dst, repeat(-1)))
            srcs, dst, labels = (list(compress(srcs, keep)), list(compress(dst, keep)),
                                 list(compress(labels, keep)))
        flat = [0] * (3 * len(dst))
        flat[0::3] = srcs
        flat[1::3] = dst
        flat[2::3] = labels
        self.refs.add(flat)

    def _labelled(self, labels):
        """The inserter for one source's rows labelled ``labels`` in order, or None
        when a label cannot be a literal."""
        inserter = self.labelled.get(labels, False)
        if inserter is False:
            literals = list(map(_literal, labels))
            if None in literals or 2 * len(labels) > MAX_PARAMS:
                inserter = None
            else:
                if len(self.labelled) >= MAX_SHAPES:
                    self._flush()
                    self.labelled.clear()
                unit = ",".join("(?,?,%s)" % x for x in literals)
                inserter = _Inserter(self.conn, REFS, lambda r: unit, 2 * len(labels))
            self.labelled[labels] = inserter
        return inserter

    def _add2(self, inserter, src, each, dst):
        """Rows of sources ``src`` with ``each`` referents apiece, labels in the statement."""
        flat = [0] * (2 * len(dst))
        src = list(src)
        for j in range(each):                # each source's ``each`` rows side by side
            flat[2 * j::2 * each] = src
        flat[1::2] = dst
        inserter.add(flat)

    def _index_labels(self, counts):
        most = max(counts, default=0)
        index = self.index
        if most > len(index) and len(index) < INDEX_LABELS:
            index.extend(map(str, range(len(index), min(most, INDEX_LABELS))))
        if most <= len(index):
            return list(chain.from_iterable(map(getitem, repeat(index), map(slice, counts))))
        labels = []
        for c in counts:
            labels += index[:c]
            labels += map(str, range(len(index), c))
        return labels

    def _seq(self, record):
        _, src, counts, dst = record
        src, counts, dst = _i(src), _i(counts), _i(dst)
        if not dst:
            return
        lengths = set(counts)
        if -1 in dst or min(lengths) > INDEX_SHAPES:
            self._add3(_repeat_by(src, counts), dst, self._index_labels(counts))
        elif len(lengths) == 1:
            self._add2(self._labelled(tuple(self.index[:counts[0]])), src, counts[0], dst)
        else:                                # sources of each short length apart
            starts = list(accumulate(counts, initial=0))
            long = list(map(gt, counts, repeat(INDEX_SHAPES)))
            if True in long:
                picked = list(compress(counts, long))
                self._add3(_repeat_by(compress(src, long), picked),
                           _pieces(dst, compress(starts, long), picked),
                           self._index_labels(picked))
            for c in sorted(lengths):
                if 0 < c <= INDEX_SHAPES:
                    mine = list(map(eq, counts, repeat(c)))
                    self._add2(self._labelled(tuple(self.index[:c])), compress(src, mine), c,
                               _pieces(dst, compress(starts, mine), repeat(c)))

    def _members(self, record):
        _, src, counts, dst = record
        srcs = _repeat_by(_i(src), _i(counts))
        dst = _i(dst)
        if -1 in dst:
            self._add3(srcs, dst, ["*"] * len(srcs))
        else:
            self._add2(self._labelled(("*",)), srcs, 1, dst)

    def _layout(self, record):
        _, src, layout, dst = record
        src, dst = _i(src), _i(dst)
        inserter = None if -1 in dst else self._labelled(tuple(layout))
        if inserter is None:
            self._add3(_repeat_by(src, repeat(len(layout))), dst, _texts(list(layout)) * len(src))
        else:
            self._add2(inserter, src, len(layout), dst)

    def _entries(self, record):
        _, src, counts, key_ids, value_ids = record
        srcs = _repeat_by(_i(src), map(rshift, _i(counts), repeat(1)))
        key_ids, value_ids = _i(key_ids), _i(value_ids)
        n = len(srcs)
        if -1 in key_ids or -1 in value_ids:
            for s, k, v in zip(srcs, key_ids, value_ids):
                if k >= 0:
                    self.refs.add((s, k, "<key>"))
                if v >= 0:
                    self.refs.add((s, v, "@%d" % k))
            return
        flat = [0] * (5 * n)
        flat[0::5] = srcs
        flat[1::5] = key_ids
        flat[2::5] = srcs
        flat[3::5] = value_ids
        flat[4::5] = self._key_labels(key_ids)
        self.entry_refs.add(flat)

    def _key_labels(self, key_ids):
        """"@<key id>" for each key id; most keys (attribute names) recur, so made once."""
        known = self.key_labels
        labels = list(map(known.get, key_ids))
        if None in labels:
            if len(known) > KEY_LABELS:
                known.clear()
            for j in compress(range(len(labels)), map(is_, labels, repeat(None))):
                k = key_ids[j]
                labels[j] = known[k] = "@%d" % k
        return labels

    def _explicit(self, record):
        _, srcs, dst, labels, kinds = record
        srcs, dst, labels = _i(srcs), _i(dst), _texts(labels)
        if kinds is None:
            self._add3(srcs, dst, labels)
            return
        strong = list(map(not_, kinds))
        self._add3(list(compress(srcs, strong)), list(compress(dst, strong)),
                   list(compress(labels, strong)))
        other = list(map(not_, strong))
        rows = zip(compress(srcs, other), compress(dst, other), compress(labels, other),
                   compress(kinds, other))
        self.kind_refs.add([x for row in rows if row[1] >= 0 for x in row])


def _part(record, a, b):
    """Object rows a..b-1 of an "R" record, as a record."""
    _, n0, c, tid, size, rcs, addrs, tracked, lens, kind, values = record
    if a == 0 and b == c:
        return record
    q = slice(8 * a, 8 * b)
    return ("R", n0 + a, b - a, tid, size if type(size) is int else size[q], rcs[q], addrs[q],
            tracked if type(tracked) is int else tracked[a:b], None if lens is None else lens[q],
            kind, None if values is None else values[a:b])


def _literal(label):
    """``label`` as an SQL string literal, or None when it must be bound: too long,
    or holding what SQL text cannot (a NUL, a lone surrogate)."""
    if type(label) is not str or len(label) > MAX_LITERAL or "\x00" in label:
        return None
    try:
        label.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return "'" + label.replace("'", "''") + "'"


def _repeat_by(values, counts):
    """Each value repeated its count's times: the source id of each referent."""
    return list(chain.from_iterable(map(repeat, values, counts)))



def _pieces(values, starts, lengths):
    """The slices ``values[start:start + length]``, concatenated."""
    starts = list(starts)
    return list(chain.from_iterable(map(getitem, repeat(values),
                                        map(slice, starts, map(add, starts, lengths)))))


def render_values(kind, values, lens, c):
    """The ``value`` column of a run: text, or 0 where there is none (NULL)."""
    if kind == "n":
        return ["None"] * c
    if kind == "s":
        for j in compress(range(c), map(gt, lens, repeat(MAX_CHARS))):
            values[j] = values[j][:MAX_CHARS] + ELLIPSIS
        return _texts(values)
    if kind == "b":
        values = list(map(repr, values))
        for j in compress(range(c), map(gt, map(len, values), repeat(MAX_CHARS))):
            values[j] = values[j][:MAX_CHARS] + ELLIPSIS
        return values
    if kind == "r":
        return list(map(repr, values))
    return values                        # "t": already text


def main(path):
    writer = Writer(path, defer_snapshot=True)
    stream = sys.stdin.buffer.raw        # unbuffered: select() then tells whether a message waits
    waited = 0.0                         # for the benchmark: time with nothing to do
    while True:
        while writer.backlog and _idle(stream):
            writer.work_backlog()
        started = time.perf_counter()
        header = _read(stream, 8)
        waited += time.perf_counter() - started
        size = int.from_bytes(header, "little") if len(header) == 8 else 0
        body = _read(stream, size) if size else b""
        if not body or len(body) != size:
            sys.stderr.write("objex writer: the dumping process went away\n")
            writer.close()
            _remove(path)                # it died (killed mid-dump): no one else will
            return 3
        if writer.handle(marshal.loads(body)):
            _report(os.environ.get("OBJEX_WRITER_REPORT"), waited)
            return 0


def _remove(path):
    try:
        os.unlink(path)
    except OSError:
        pass


def _idle(stream):
    """True when nothing waits in the pipe (and select() can tell)."""
    try:
        return not select.select([stream], [], [], 0)[0]
    except (OSError, ValueError):
        return False


def _read(stream, n):
    """``n`` bytes, or fewer at the end of the stream."""
    parts = []
    while n > 0:
        part = stream.read(n)
        if not part:
            break
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def _report(path, waited):
    """For bench/collector: this process's CPU time, peak RSS and time spent waiting
    for the walk, as JSON at ``path``."""
    if not path:
        return
    import json
    peak = None
    try:
        with open("/proc/self/status") as f:      # VmHWM: this image's own peak (ru_maxrss
            for line in f:                        # also counts the parent's pages before exec)
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
    except OSError:
        pass
    with open(path, "w") as f:
        json.dump({"cpu_seconds": sum(os.times()[:2]), "peak_rss_bytes": peak,
                   "waited_seconds": waited}, f)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1]))
    except Exception as e:          # one line, not a traceback, on the program's stderr
        sys.stderr.write("objex writer: %s: %s\n" % (type(e).__name__, e))
        sys.exit(1)
