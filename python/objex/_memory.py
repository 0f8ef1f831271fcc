"""Where the process's resident memory is, measured when a dump starts (the
``memory`` table, docs/dump-format.md): the address space by kind of mapping
(``/proc/self/smaps``: file-backed, thread stacks, shared, anonymous), the totals
of ``/proc/self/smaps_rollup``, and what the two allocators say of the anonymous
part (pymalloc through ``sys._debugmallocstats``, glibc through ``mallinfo2``).

The mappings are read in the process whose heap is dumped (before ``spawn_dump``'s
fork: a child's resident set is not its parent's); the allocators' statistics may
be read in the forked child, whose allocator state is the parent's copied at the
fork. Nothing here runs program code or fills a cache: files are read with
``os.read``, ``_debugmallocstats`` writes to C's stderr (fd 2), which is pointed
at a memfd (a pipe where there is none) for that one call and restored in every
case, and ``mallinfo2`` is a C call through ctypes.
"""

import os
import sys
from array import array
from bisect import bisect_right

try:
    import ctypes
except ImportError:
    ctypes = None

# mapping kinds, each a ``maps.*`` row of the memory table
FILE, STACK, SHMEM, ANON = "file", "stack", "shmem", "anon"
_SHMEM_NAMES = (b"/dev/zero", b"/SYSV", b"/memfd:", b"/dev/shm/")
_PSEUDO = (b"[vdso]", b"[vvar]", b"[vsyscall]", b"[vvar_vclock]")
_ROLLUP_FIELDS = (b"Rss", b"Pss", b"Anonymous", b"Private_Dirty", b"Private_Clean",
                  b"Shared_Dirty", b"Shared_Clean", b"Swap")


def _read(path):
    """A /proc file's bytes (os.read: no file object, no codec)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def _kb_fields(text, names):
    """``Name:   123 kB`` lines of ``text`` whose name is in ``names``, in bytes."""
    found = {}
    for line in text.split(b"\n"):
        name, sep, rest = line.partition(b":")
        if sep and name in names:
            parts = rest.split()
            if parts and parts[0].isdigit():
                found[name.decode()] = int(parts[0]) * 1024
    return found


def _classify(start, end, perms, path, stack_addresses):
    if path == b"[stack]":
        return STACK
    if path.startswith(b"/"):
        if path.startswith(_SHMEM_NAMES) or perms[3:4] == b"s" and path.endswith(b"(deleted)"):
            return SHMEM
        return FILE
    if path in _PSEUDO:
        return FILE          # the kernel's code pages mapped into every process
    for a in stack_addresses:
        if start <= a < end:
            return STACK
    return SHMEM if perms[3:4] == b"s" else ANON


_KIND_CODES = {FILE: 0, STACK: 1, SHMEM: 2, ANON: 3}
_KINDS = (FILE, STACK, SHMEM, ANON)


class Mappings(object):
    """``/proc/self/smaps``' mappings as parallel arrays (no gc-tracked object per
    mapping: the dump must not find the collector's own bookkeeping): start, end,
    resident bytes, kind code (index in _KINDS), sorted by start."""
    __slots__ = ("starts", "ends", "rss", "kinds")

    def __init__(self, rows):
        rows.sort()
        self.starts = array("Q", [r[0] for r in rows])
        self.ends = array("Q", [r[1] for r in rows])
        self.rss = array("Q", [r[2] for r in rows])
        self.kinds = bytes(r[3] for r in rows)

    def by_kind(self):
        totals = [0] * len(_KINDS)
        for code, rss in zip(self.kinds, self.rss):
            totals[code] += rss
        return dict(zip(_KINDS, totals))

    def kind_at(self, address):
        """The kind of the mapping holding ``address`` (ANON where none does)."""
        i = bisect_right(self.starts, address) - 1
        return _KINDS[self.kinds[i]] if i >= 0 and address < self.ends[i] else ANON

    def resident_in(self, start, size):
        """Resident bytes of [start, start + size), pro rata of each mapping it overlaps."""
        end = start + size
        total = 0
        i = max(0, bisect_right(self.starts, start) - 1)
        while i < len(self.starts) and self.starts[i] < end:
            lo, hi = max(start, self.starts[i]), min(end, self.ends[i])
            if hi > lo:
                total += self.rss[i] * (hi - lo) // (self.ends[i] - self.starts[i])
            i += 1
        return total


def read_mappings(stack_addresses):
    """Every mapping of ``/proc/self/smaps`` with its resident bytes and kind;
    ``stack_addresses`` are addresses inside thread stacks (glibc places a
    thread's ``pthread_t``, which ``threading.get_ident()`` returns, at the top
    of its stack mapping). None without /proc."""
    try:
        text = _read("/proc/self/smaps")
    except OSError:
        return None
    rows = []
    current = None
    for line in text.split(b"\n"):
        head = line.split(None, 5)
        if not head:
            continue
        if b"-" in head[0] and not head[0].endswith(b":"):
            if current is not None:
                rows.append(current)
            lo, _, hi = head[0].partition(b"-")
            start, end = int(lo, 16), int(hi, 16)
            perms = head[1] if len(head) > 1 else b""
            path = head[5].strip() if len(head) > 5 else b""
            current = [start, end, 0, _KIND_CODES[_classify(start, end, perms, path, stack_addresses)]]
        elif head[0] == b"Rss:" and len(head) > 1 and current is not None:
            current[2] = int(head[1]) * 1024
    if current is not None:
        rows.append(current)
    return Mappings(rows)


class ProcessMemory(object):
    """The address space at one moment: smaps_rollup's totals and the resident
    bytes per kind of mapping (the ``smaps_rollup`` and ``maps`` rows of the
    memory table), and the mappings, where an object's external buffer is looked
    up (_external.mmap_bytes)."""
    __slots__ = ("rows", "mappings")

    def __init__(self, thread_idents):
        rows = []
        try:
            rollup = _kb_fields(_read("/proc/self/smaps_rollup"), _ROLLUP_FIELDS)
            rows.extend(("smaps_rollup", k, v) for k, v in sorted(rollup.items()))
        except OSError:
            pass
        self.mappings = read_mappings(thread_idents)
        if self.mappings is not None:
            rows.extend(("maps", k, v) for k, v in sorted(self.mappings.by_kind().items()))
        self.rows = rows

    def bookkeeping(self):
        """The gc-tracked objects this measure made (the dump leaves them out)."""
        return [self, self.rows, self.mappings] + self.rows


# --- the allocators -------------------------------------------------------------

_PYMALLOC_LINES = (
    # (start of _debugmallocstats' line, row name): the value is the line's last number
    ("# arenas allocated current", "arenas"),
    ("# bytes in allocated blocks", "allocated_blocks"),
    ("# bytes in available blocks", "available_blocks"),
    ("# bytes lost to pool headers", "pool_headers"),
    ("# bytes lost to quantization", "quantization"),
    ("# bytes lost to arena alignment", "arena_alignment"),
    ("Total", "total"),
)


def _last_number(line):
    digits = line.rsplit("=", 1)[-1].strip().split(" ")[0].replace(",", "")
    return int(digits) if digits.isdigit() else None


def parse_mallocstats(text):
    """pymalloc rows from ``sys._debugmallocstats`` output: arenas, blocks in use and
    free, unused pools, overheads, and the interpreter's free lists (objects kept
    for reuse: allocated blocks that hold no live object)."""
    rows = {}
    freelists = 0
    arena_map = 0
    for line in text.splitlines():
        s = line.strip()
        for start, name in _PYMALLOC_LINES:
            if s.startswith(start):
                value = _last_number(s)
                if value is not None and name not in rows:    # a second "Total" sums the arena map
                    rows[name] = value
                break
        else:
            if "unused pools *" in s:
                value = _last_number(s)
                if value is not None:
                    rows["unused_pools"] = value
            elif " free " in s and "bytes each" in s:
                value = _last_number(s)
                if value is not None:
                    freelists += value
            elif s.startswith("# bytes lost to arena map"):
                value = _last_number(s)
                if value is not None:
                    arena_map += value
    if rows:
        rows["freelists"] = freelists
        rows["arena_map"] = arena_map
    return rows


def _capture_fd2(call):
    """What ``call()`` writes to file descriptor 2 (C's stderr), which points at a
    memfd (or a pipe) during the call and at what it was before in every case."""
    saved = os.dup(2)          # first: with no fd 2 there is nothing to capture (OSError)
    try:
        try:
            sink = os.memfd_create("objex-mallocstats")
            reader = sink
        except (AttributeError, OSError):
            reader, sink = os.pipe()        # the output is ~6 kB, well under a pipe's 64 kB
        try:
            os.dup2(sink, 2)
            try:
                call()
            finally:
                os.dup2(saved, 2)
            if reader == sink:
                os.lseek(reader, 0, os.SEEK_SET)
            else:
                os.close(sink)
                sink = -1
            chunks = []
            while True:
                chunk = os.read(reader, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks).decode("ascii", "replace")
        finally:
            if sink >= 0:
                os.close(sink)
            if reader != sink:
                os.close(reader)
    finally:
        os.close(saved)


def pymalloc_rows():
    stats = getattr(sys, "_debugmallocstats", None)
    if stats is None:
        return []
    try:
        text = _capture_fd2(stats)
    except OSError:
        return []
    return [("pymalloc", k, v) for k, v in sorted(parse_mallocstats(text).items())]


_MALLINFO_FIELDS = ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                    "uordblks", "fordblks", "keepcost")
_mallinfo = None
if ctypes is not None and sys.platform.startswith("linux"):
    try:
        _libc = ctypes.CDLL(None)
        for _name, _ctype in (("mallinfo2", ctypes.c_size_t), ("mallinfo", ctypes.c_int)):
            _fn = getattr(_libc, _name, None)
            if _fn is not None:
                class _MallInfo(ctypes.Structure):
                    _fields_ = [(f, _ctype) for f in _MALLINFO_FIELDS]
                _fn.restype = _MallInfo
                _fn.argtypes = []
                _mallinfo = (_name, _fn)
                break
    except (OSError, AttributeError):
        _mallinfo = None


def malloc_rows():
    """glibc's totals over all arenas: ``in_use`` (uordblks: allocated chunks in
    the arenas), ``mmapped`` (hblkhd: chunks mmapped on their own), ``free``
    (fordblks: free chunks, the top chunk included), ``releasable`` (keepcost:
    what malloc_trim could give back from the top), ``arena`` (bytes the arenas
    took from the system). ``mallinfo`` (before glibc 2.33) wraps at 2 GiB."""
    if _mallinfo is None:
        return []
    name, fn = _mallinfo
    try:
        info = fn()
    except Exception:
        return []
    return [("malloc", "source", 2 if name == "mallinfo2" else 1),
            ("malloc", "arena", info.arena), ("malloc", "in_use", info.uordblks),
            ("malloc", "mmapped", info.hblkhd), ("malloc", "free", info.fordblks),
            ("malloc", "releasable", info.keepcost)]


def allocator_rows():
    """pymalloc's and glibc's statistics, and ``sys.getallocatedblocks()`` (a count)."""
    rows = [("sys", "allocated_blocks", sys.getallocatedblocks())]
    rows.extend(pymalloc_rows())
    rows.extend(malloc_rows())
    return rows
