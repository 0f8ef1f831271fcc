"""Memory an object owns in C buffers that its ``__sizeof__`` leaves out.

Each such object's bytes are added to its size and listed in the dump's
``external_buffer`` table (``recorded``), so the RSS breakdown can tell them
from the objects themselves. ``bytearray`` and ``array.array`` count their
buffers in ``__sizeof__`` (so does numpy's ``ndarray`` when it owns its data),
``mmap.mmap`` does not: its external size is the resident part of its mapping,
found in the mappings the dump measured (``mappings``, _memory.Mappings).

``io.StringIO`` keeps its text outside the object: a UCS4 buffer once it has
been read or seeked (``buf_size`` characters of 4 bytes), and while it is only
written to, a string being built (3.12+: an embedded ``_PyUnicodeWriter``,
``size`` characters of ``kind`` bytes) or, up to 3.11, two lists of the written
pieces (gc objects of their own: they become ``.<accumulated>`` edges, so their
bytes count through them). ``__sizeof__`` reports 136 bytes either way, so a
logging handler writing into a StringIO "retained" nothing while holding
megabytes. These fields are plain integers in the StringIO object itself, read
without calling anything of the object; the layout is checked at import.
"""

import io
import sys

try:
    import mmap as _mmap_module
    _MMAP = _mmap_module.mmap
except ImportError:
    _mmap_module = _MMAP = None

try:
    import ctypes
except ImportError:
    ctypes = None

_STRINGIO = io.StringIO
_BUF_SIZE, _STATE = 40, 48            # size_t buf_size (characters), int state
_REALIZED, _ACCUMULATING = 1, 2
_WRITER = 56                          # 3.12+: _PyUnicodeWriter; up to 3.11: _PyAccu {large, small}
_WRITER_KIND, _WRITER_SIZE = _WRITER + 16, _WRITER + 24
_STR_HEADER = 60                      # what a str of that kind adds to its characters, about
PY312 = sys.version_info >= (3, 12)
LAYOUT_OK = False

if ctypes is not None and ctypes.sizeof(ctypes.c_void_p) == 8:
    class _Accumulator(ctypes.Structure):
        # py_object fields: reading one increfs its list inside that C read
        _fields_ = [("head", ctypes.c_char * _WRITER), ("large", ctypes.py_object),
                    ("small", ctypes.py_object)]

    def _word(address):
        return ctypes.c_size_t.from_address(address).value

    def _int(address):
        return ctypes.c_int.from_address(address).value


def is_stringio(tp, mro):
    """An io.StringIO or a subclass (its C layout comes first)."""
    for base in mro:
        if base is _STRINGIO:
            return True
    return False


def stringio_bytes(o):
    """The bytes of ``o``'s text buffers that __sizeof__ does not count."""
    if not LAYOUT_OK:
        return 0
    try:
        a = id(o)
        state = _int(a + _STATE)
        extra = _word(a + _BUF_SIZE) * 4
        if PY312 and state == _ACCUMULATING and _word(a + _WRITER):
            kind = _int(a + _WRITER_KIND)
            if kind in (1, 2, 4):
                extra += _word(a + _WRITER_SIZE) * kind + _STR_HEADER
        return extra
    except Exception:
        return 0


def stringio_accumulated(o):
    """Up to 3.11, the lists holding the pieces written while accumulating."""
    if PY312 or not LAYOUT_OK:
        return []
    found = []
    view = _Accumulator.from_address(id(o))
    for read in (lambda: view.large, lambda: view.small):
        try:
            v = read()
        except ValueError:         # NULL
            continue
        if type(v) is list:
            found.append(v)
    return found


def _self_test():
    global LAYOUT_OK
    if ctypes is None or ctypes.sizeof(ctypes.c_void_p) != 8:
        return False
    LAYOUT_OK = True
    try:
        written = _STRINGIO()
        for i in range(3):
            written.write("x" * 5000)
        realized = _STRINGIO("y" * 20000)
        ok = _int(id(written) + _STATE) == _ACCUMULATING and _int(id(realized) + _STATE) == _REALIZED
        ok = ok and 80000 <= stringio_bytes(realized) <= 80100
        if PY312:
            ok = ok and 15000 <= stringio_bytes(written) <= 40000
        else:
            pieces = stringio_accumulated(written)
            ok = ok and sum(len(s) for lst in pieces for s in lst) == 15000
        return ok
    except Exception:
        return False
    finally:
        LAYOUT_OK = False


LAYOUT_OK = _self_test()


# --- mmap: the resident pages of its mapping -------------------------------------

_MMAP_DATA, _MMAP_SIZE = 16, 24       # char *data; Py_ssize_t size (right after the object head)
HEAP = "heap"                         # where malloc'd bytes live; a mapping's are its kind (_memory)
MMAP_OK = False


def is_mmap(tp, mro):
    return _MMAP is not None and any(base is _MMAP for base in mro)


def mmap_bytes(o):
    """What a plan names for an mmap's reader; without a dump's mappings (DumpBuffers), 0."""
    return 0


class DumpBuffers(object):
    """One dump's external buffers: the mappings it measured (_memory.Mappings) and the
    (object id, bytes, place) rows it found. Made by each dump and handed to its walk,
    so this module's own state never changes while the program is being dumped."""

    def __init__(self, mappings):
        self.mappings = mappings
        self.recorded = []

    def reader(self, external):
        """The reader to call for a plan's ``external``: the mmap one knows the mappings."""
        return self.mmap_bytes if external is mmap_bytes else external

    def mmap_bytes(self, o):
        """Resident bytes of ``o``'s mapping (0 once closed: data is NULL)."""
        if not MMAP_OK or self.mappings is None:
            return 0
        try:
            a = id(o)
            data = _word(a + _MMAP_DATA)
            if not data:
                return 0
            return self.mappings.resident_in(data, _word(a + _MMAP_SIZE))
        except Exception:
            return 0

    def note(self, n0, run, extras, reader):
        """Record the non-zero external sizes of the run of ``run`` starting at id
        ``n0``, with where the bytes live: ``heap``, or the kind of the object's own
        mapping (``file``, ``shmem``, ``anon``)."""
        is_mmap_reader = reader == self.mmap_bytes
        for i, b in enumerate(extras):
            if b:
                place = self.mappings.kind_at(_word(id(run[i]) + _MMAP_DATA)) if is_mmap_reader else HEAP
                self.recorded.append((n0 + i, b, place))


def _mmap_self_test():
    if _MMAP is None or ctypes is None or ctypes.sizeof(ctypes.c_void_p) != 8:
        return False
    try:
        m = _MMAP(-1, 8192)
        try:
            # c_char, not an 8192-char array type: ctypes would cache that type for good
            first = ctypes.c_char.from_buffer(m)
            ok = ctypes.addressof(first) == _word(id(m) + _MMAP_DATA) and _word(id(m) + _MMAP_SIZE) == 8192
            del first
        finally:
            m.close()
        return ok
    except Exception:
        return False


MMAP_OK = _mmap_self_test()
