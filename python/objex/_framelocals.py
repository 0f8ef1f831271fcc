"""A frame's and a suspended generator's local variables, read without changing them.

``frame.f_locals`` is not a read: up to 3.12 it builds a dict of the locals and
caches it on the frame, where it keeps every value alive after the code drops
it (a dump would create the leaks it hunts); on 3.11+ ``gi_frame`` creates a
frame object for a suspended generator. So the collector reads the slots of
the frame's "fast locals" array (``localsplus``) where CPython keeps them:

- Where the frame object or the generator owns that array (every frame up to
  3.10, a finished frame, a generator or coroutine on 3.11+), its values are
  among ``gc.get_referents()``: the slots are read as addresses (one C call)
  and matched with the referents by identity. Nothing is created or increfed
  beyond the referents list the walk already holds.
- A running frame on 3.11+ keeps its array on its thread's data stack, and its
  referents do not include it. Each slot is read as an object in one step that
  holds the GIL from reading the frame's current array address to the incref
  (attribute reads of ctypes structures and one C call, between which the
  interpreter does not switch threads), so a thread returning meanwhile cannot
  leave a dangling address.

The layout (offsets checked on 3.8-3.13, 64-bit) is tested at import on a
running frame, a finished frame and a suspended generator; if anything differs,
or ctypes is missing, ``LAYOUT_OK`` is False and locals are reported unnamed
(the values stay edges where they are referents).
"""

import gc
import sys
import types

try:
    import ctypes
except ImportError:          # a build without _ctypes: locals are not named
    ctypes = None

PY311 = sys.version_info >= (3, 11)
_PTR = 8
_LOCALSPLUS = 72                       # offsetof(_PyInterpreterFrame, localsplus), 3.11-3.13
_FRAME_LOCALS_38 = 56                  # offsetof(PyFrameObject, f_locals), 3.8-3.10
# offsetof(_PyInterpreterFrame, f_locals) and of its function pointer
_IFRAME_LOCALS = 24 if sys.version_info[:2] == (3, 11) else 40
_IFRAME_FUNC = 0 if sys.version_info[:2] == (3, 11) else 16
_MAX_SLOTS = 1 << 16
# offsetof(_PyInterpreterFrame, prev_instr) on 3.11-3.12, of instr_ptr on 3.13: the same place
_IFRAME_INSTR = 56
# A code object's bytecode (co_code_adaptive) follows its fixed part: tp_basicsize is its offset
_CODE_START = types.CodeType.__basicsize__

_FrameType = types.FrameType
_FRAME_BASICSIZE = _FrameType.__basicsize__
_f_code = _FrameType.__dict__["f_code"].__get__
_get_referents = gc.get_referents
_GENERATOR_TYPES = (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)
_gen_code = {t: t.__dict__[n].__get__ for t, n in zip(
    _GENERATOR_TYPES, ("gi_code", "cr_code", "ag_code"))}

# gi_suspended / cr_suspended (3.11+), ag_suspended (3.12+): a stored flag, read without side effects
_gen_suspended = {t: t.__dict__[n].__get__ for t, n in zip(
    _GENERATOR_TYPES, ("gi_suspended", "cr_suspended", "ag_suspended")) if n in t.__dict__}
# gi_frame / cr_frame / ag_frame up to 3.10 only: the frame is a separate object there
_gen_frame = {} if PY311 else {t: t.__dict__[n].__get__ for t, n in zip(
    _GENERATOR_TYPES, ("gi_frame", "cr_frame", "ag_frame"))}
_f_lineno = _FrameType.__dict__["f_lineno"].__get__

LAYOUT_OK = False
LINE_OK = False
_names_cache = {}          # id(code) -> local names, for one dump (see forget_names)
_lines_cache = {}          # (id(code), offset) -> line: many generators wait at the same place


def forget_names():
    """Drop the caches: code ids are only stable while a dump holds its objects."""
    _names_cache.clear()
    _lines_cache.clear()


def _local_names(code):
    """The names of the localsplus slots, in slot order."""
    names = _names_cache.get(id(code))
    if names is None:
        if PY311:
            # co_varnames / co_cellvars would create and cache tuples on 3.12+
            of = types.CodeType._varname_from_oparg
            acc = []
            try:
                while len(acc) < _MAX_SLOTS:
                    acc.append(of(code, len(acc)))
            except IndexError:
                pass
            names = tuple(acc)
        else:
            names = code.co_varnames + code.co_cellvars + code.co_freevars
        _names_cache[id(code)] = names
    return names


def _addresses(start, n):
    """The n pointers at ``start``, as ints (0 for NULL), read in one C call (one
    array type made at import: ctypes caches a type per length, which would grow
    the process's heap during the dump)."""
    return _Words.from_address(start)[:n]


def _match(names, addresses, refs):
    """(name, referent) for each slot whose pointer is one of ``refs``."""
    by_address = {id(r): r for r in refs}
    out = []
    for name, a in zip(names, addresses):
        if a:
            v = by_address.get(a)
            if v is not None:
                out.append((name, v))
    return out


if ctypes is not None and ctypes.sizeof(ctypes.c_void_p) == _PTR:
    class _InterpreterFrame(ctypes.Structure):
        # py_object fields: reading one increfs the object inside that C read
        _fields_ = [("head", ctypes.py_object * (_LOCALSPLUS // _PTR)),
                    ("slots", ctypes.py_object * _MAX_SLOTS)]

    class _FrameHead(ctypes.Structure):
        _fields_ = [("ob_refcnt", ctypes.c_ssize_t), ("ob_type", ctypes.c_void_p),
                    ("f_back", ctypes.c_void_p),
                    ("f_frame", ctypes.POINTER(_InterpreterFrame))]
    _Words = ctypes.c_size_t * _MAX_SLOTS
    _AVAILABLE = True
else:
    _AVAILABLE = False


def _referent_at(address, refs):
    """The referent whose address is stored at ``address``, or None."""
    found = _match(("",), _addresses(address, 1), refs)
    return found[0][1] if found else None


def _owned_iframe(frame):
    """The interpreter frame's address when the frame object owns it (3.11+), else 0."""
    iframe = _addresses(id(frame) + 3 * _PTR, 1)[0]
    return iframe if iframe == id(frame) + _FRAME_BASICSIZE - _LOCALSPLUS else 0


def read_frame(frame, refs):
    """(own, pairs, extra) of a frame object: ``own`` its f_locals dict when it has
    one (a class body's or exec's namespace, or a cache locals() made), ``pairs``
    (name, value) per bound local slot (a cell for a cell variable), and whether
    those values are extra edges (True) or are among ``refs`` (False)."""
    if not LAYOUT_OK or type(frame) is not _FrameType:
        return None, [], False
    try:
        code = _f_code(frame)
        names = _local_names(code)
        if not PY311:
            start = id(frame) + _FRAME_BASICSIZE - _PTR
            return (_referent_at(id(frame) + _FRAME_LOCALS_38, refs),
                    _match(names, _addresses(start, len(names)), refs), False)
        iframe = _owned_iframe(frame)
        if iframe:
            return (_referent_at(iframe + _IFRAME_LOCALS, refs),
                    _match(names, _addresses(iframe + _LOCALSPLUS, len(names)), refs), False)
        return _read_running(frame, names)
    except Exception:
        return None, [], False


def _read_running(frame, names):
    # Each read is one expression of ctypes attribute and item reads, between which
    # the interpreter does not switch threads: the array address is the current
    # one (a thread that returned meanwhile left the frame object owning a copy)
    # and the value is increfed before anything else runs.
    head = _FrameHead.from_address(id(frame))
    try:
        own = head.f_frame.contents.head[_IFRAME_LOCALS // _PTR]
    except ValueError:             # NULL: no locals dict
        own = None
    if type(own) is not dict:
        own = None
    pairs = []
    for i, name in enumerate(names):
        try:
            pairs.append((name, head.f_frame.contents.slots[i]))
        except ValueError:         # NULL: an unbound local
            pass
    return own, pairs, True


def read_generator(gen, refs):
    """(name, value) per bound local of a generator, coroutine or async generator
    whose frame is live (3.11+: the frame is inside the generator object), the
    values among ``refs``; [] for a finished one, and up to 3.10 (read its frame)."""
    if not (PY311 and LAYOUT_OK) or type(gen) not in _gen_code:
        return []
    try:
        code = _gen_code[type(gen)](gen)
        names = _local_names(code)
        localsplus = id(gen) + type(gen).__basicsize__
        func = _addresses(localsplus - _LOCALSPLUS + _IFRAME_FUNC, 1)[0]
        if func not in set(map(id, refs)):
            return []              # cleared: a finished generator's slots are stale
        return _match(names, _addresses(localsplus, len(names)), refs)
    except Exception:
        return []


def generator_code(gen):
    """The code object of a generator, coroutine or async generator, else None."""
    get = _gen_code.get(type(gen))
    return get(gen) if get is not None else None


def generator_line(gen):
    """The line a suspended generator, coroutine or async generator is at, or None.

    Up to 3.10: its frame object's ``f_lineno``. From 3.11 reading its frame would create
    a frame object, so the line comes from the interpreter frame inside the generator
    object: the instruction pointer (``prev_instr`` / ``instr_ptr``) minus the address of
    the code's bytecode is the offset ``f_lineno`` itself maps to a line, here through
    ``co_lines()`` (which builds only a transient iterator). Read only while the generator
    is suspended: a finished one's frame is cleared, a running one's pointer moves."""
    try:
        if not PY311:
            get = _gen_frame.get(type(gen))
            frame = get(gen) if get is not None else None
            return _f_lineno(frame) if type(frame) is _FrameType else None
        suspended = _gen_suspended.get(type(gen))
        if not LINE_OK or suspended is None or suspended(gen) is not True:
            return None
        code = _gen_code[type(gen)](gen)
        iframe = id(gen) + type(gen).__basicsize__ - _LOCALSPLUS
        return _line_at(code, _addresses(iframe + _IFRAME_INSTR, 1)[0] - id(code) - _CODE_START)
    except Exception:
        return None


def _line_at(code, offset):
    cache_key = (id(code), offset)
    if cache_key in _lines_cache:
        return _lines_cache[cache_key]
    found = None
    for start, end, line in code.co_lines():
        if start <= offset < end:
            found = line if type(line) is int else None
            break
    _lines_cache[cache_key] = found
    return found


def _line_self_test():
    """True when generator_line reads a suspended generator's line correctly (3.11+)."""
    if not (PY311 and LAYOUT_OK):
        return False
    global LINE_OK
    LINE_OK = True
    try:
        def suspended():
            yield 1
            yield 2

        gen = suspended()
        next(gen)
        first = generator_line(gen) == suspended.__code__.co_firstlineno + 1
        next(gen)
        second = generator_line(gen) == suspended.__code__.co_firstlineno + 2
        gen.close()
        return first and second and generator_line(gen) is None
    except Exception:
        return False
    finally:
        LINE_OK = False
        forget_names()            # its code object dies here: its id may be reused


def _self_test():
    """True when the offsets above read this interpreter's frames correctly."""
    if not _AVAILABLE:
        return False
    global LAYOUT_OK
    LAYOUT_OK = True
    try:
        marker = object()

        def running(a):
            b = [a]
            f = sys._getframe()
            return read_frame(f, _get_referents(f)), b, f

        (own, pairs, extra), b, finished = running(marker)
        d = dict(pairs)
        ok = d.get("a") is marker and d.get("b") is b and extra == PY311 and own is None
        own, pairs, extra = read_frame(finished, _get_referents(finished))
        d = dict(pairs)
        ok = ok and d.get("a") is marker and d.get("b") is b and not extra

        def suspended(a):
            c = (a,)
            yield c

        gen = suspended(marker)
        c = next(gen)
        if PY311:
            d = dict(read_generator(gen, _get_referents(gen)))
            ok = ok and d.get("a") is marker and d.get("c") is c
            gen.close()
            ok = ok and read_generator(gen, _get_referents(gen)) == []
        return ok
    except Exception:
        return False
    finally:
        LAYOUT_OK = False
        forget_names()


LAYOUT_OK = _self_test()
LINE_OK = _line_self_test()
