"""Rows of the descriptive tables (pytype, pytype_bases, module, pyframe, thread,
pycode, function, pygen), built after the walk from the objects it recorded. Every read
goes through a C descriptor (see _safe)."""

import linecache
import os
import stat
import tokenize
import types

from . import _framelocals, _safe
from ._keys import key

_module_dict = types.ModuleType.__dict__["__dict__"].__get__
_f_back = types.FrameType.__dict__["f_back"].__get__
_f_code = types.FrameType.__dict__["f_code"].__get__
_f_lasti = types.FrameType.__dict__["f_lasti"].__get__
_f_lineno = types.FrameType.__dict__["f_lineno"].__get__
_co_name = types.CodeType.__dict__["co_name"].__get__
_co_filename = types.CodeType.__dict__["co_filename"].__get__
_co_firstlineno = types.CodeType.__dict__["co_firstlineno"].__get__
_fn_name = types.FunctionType.__dict__["__name__"].__get__
_fn_code = types.FunctionType.__dict__["__code__"].__get__
_fn_module = types.FunctionType.__dict__["__module__"].__get__
_fn_closure = types.FunctionType.__dict__["__closure__"].__get__
# a member up to 3.10; from 3.11 a C getter that builds the tuple from the code's own names
_co_freevars = types.CodeType.__dict__["co_freevars"].__get__


def _str_or(value, default):
    return value if type(value) is str else default


def _ids_by_key(g, dense_ids):
    """{key: id} of some recorded objects (the walk's own maps forget objects)."""
    objs = g.objs
    return {key(objs[i]): i for i in dense_ids}


def module_rows(g):
    rows = []
    by_name = {}
    for n, i in enumerate(g.modules):
        m = g.objs[i]
        try:
            d = _module_dict(m)
        except Exception:
            d = None
        name = file = None
        if type(d) is dict:
            name = _safe.str_lookup(d, "__name__")      # a module dict may hold user keys
            file = _safe.str_lookup(d, "__file__")
        name = _str_or(name, "(none)")
        rows.append((n, i, _str_or(file, "(none)"), name))
        by_name.setdefault(name, i)
    return rows, by_name


def type_rows(g, modules_by_name):
    types_rows = []
    bases_rows = []
    ids = _ids_by_key(g, g.types)
    for n, i in enumerate(g.types):
        tp = g.objs[i]
        modname = _safe.type_module_name(tp)
        module = modules_by_name.get(modname) if modname is not None else None
        types_rows.append((n, i, module, _safe.type_name(tp), _safe.type_qualname(tp)))
        try:
            bases = _safe.type_bases(tp)
        except Exception:
            bases = ()
        for b in bases:
            d = ids.get(key(b))
            if d is not None and d >= 0:
                bases_rows.append((len(bases_rows), i, d))
    return types_rows, bases_rows


def code_rows(g):
    return [(n, i, _str_or(_co_name(g.objs[i]), "?")) for n, i in enumerate(g.codes)]


def function_rows(g, modules_by_name):
    rows = []
    ids = _ids_by_key(g, g.codes)
    for n, i in enumerate(g.functions):
        f = g.objs[i]
        code_id = ids.get(key(_fn_code(f)))
        modname = _fn_module(f)
        module = modules_by_name.get(modname) if type(modname) is str else None
        rows.append((n, i, _str_or(_fn_name(f), "?"), code_id if code_id is not None else -1, module,
                     _closure_names(f)))
    return rows


def _closure_names(f):
    """The names of a closure's cells, in ``__closure__`` order (its code's co_freevars),
    space-separated (they are identifiers); None for a function without a closure.
    The dump does not keep co_freevars itself from 3.11 (it is computed there), so the
    explorer names ``f.__closure__[0].cell_contents`` by this column."""
    try:
        if _fn_closure(f) is None:
            return None
        names = _co_freevars(_fn_code(f))
    except Exception:
        return None
    if type(names) is not tuple or not all(type(n) is str for n in names):
        return None
    return " ".join(names)


def trace_line(frame, sources):
    """One traceback-style entry: ``  File "x.py", line 3, in f\n    code\n``;
    ``sources``: the lines of the files read so far, by file name."""
    code = _f_code(frame)
    filename = _str_or(_co_filename(code), "?")
    lineno = _f_lineno(frame) or 0
    text = '  File "%s", line %d, in %s\n' % (filename, lineno, _str_or(_co_name(code), "?"))
    lines = sources.get(filename)
    if lines is None:
        lines = sources[filename] = _source_lines(filename)
    if 0 < lineno <= len(lines):
        line = lines[lineno - 1].strip()
        if line:
            text += "    %s\n" % line
    return text


def _source_lines(filename):
    """A file's lines: linecache's when it holds them, else read here. Not through
    linecache.getlines, which would keep every source file on the dumped stacks in
    the process after the dump (and grow linecache.cache's table for good)."""
    entry = linecache.cache.get(filename)
    if type(entry) is tuple and len(entry) == 4 and type(entry[2]) is list:
        return entry[2]
    try:
        # A code object's co_filename may name anything: opening a FIFO waits for a
        # writer forever, a device reads without end. Only a regular file is read
        # (stat does not open it).
        if not stat.S_ISREG(os.stat(filename).st_mode):
            return []
        with tokenize.open(filename) as f:       # honours the file's encoding cookie
            return f.readlines()
    except Exception:
        return []


def frame_rows(g):
    rows = []
    frame_ids, code_ids = _ids_by_key(g, g.frames), _ids_by_key(g, g.codes)
    sources = {}
    for n, i in enumerate(g.frames):
        frame = g.objs[i]
        back = _f_back(frame)
        back_id = frame_ids.get(key(back)) if back is not None else None
        rows.append((n, i, back_id, code_ids.get(key(_f_code(frame)), -1), _f_lasti(frame) or 0,
                     _f_lineno(frame) or 0, trace_line(frame, sources)))
    return rows


def generator_rows(g):
    """One row per generator, coroutine and async generator: its code, the code's first
    line, and the line it is suspended at (NULL when it is not suspended, or the line
    cannot be read without creating its frame: _framelocals.generator_line)."""
    rows = []
    code_ids = _ids_by_key(g, g.codes)
    for n, i in enumerate(g.generators):
        gen = g.objs[i]
        code = _framelocals.generator_code(gen)
        code_id = code_ids.get(key(code)) if code is not None else None
        first = _co_firstlineno(code) if code is not None else 0
        rows.append((n, i, code_id if code_id is not None else -1, first if type(first) is int else 0,
                     _framelocals.generator_line(gen)))
    return rows


def thread_rows(g, threads):
    rows = []
    frame_ids = _ids_by_key(g, g.frames)
    for t in threads:
        top = frame_ids.get(key(t.top))
        if top is None or top < 0:
            continue
        rows.append((len(rows), top, t.ident, t.name, 1 if t.is_main else 0, t.native_id))
    return rows
