"""Allocation sites: where each object was allocated, when the program traces its
allocations with ``tracemalloc`` (docs/dump-format.md, tables ``site`` and
``object_site``).

``_tracemalloc._get_object_traceback`` is C: it looks the object's memory block up in
tracemalloc's table and runs no code of the program. Its traceback (the frames
``tracemalloc.start(nframe)`` keeps, most recent first, each a file and a line) is
the site; equal tracebacks are one row. An object allocated before tracing started,
or reused from a free list, has none. The function a site's line is in is found among
the code objects the dump recorded (the innermost whose lines include it).
The builtin ``_tracemalloc`` is imported with this module, not at dump time: tracing
may have started with the interpreter (``PYTHONTRACEMALLOC=N``, ``-X tracemalloc``),
which imports no module, and importing it starts nothing. A program that does not
trace has no sites and pays one ``is_tracing()`` call.
"""

import json
import sys
import types

_CodeType = types.CodeType
_co_filename = _CodeType.__dict__["co_filename"].__get__
_co_firstlineno = _CodeType.__dict__["co_firstlineno"].__get__
_co_name = _CodeType.__dict__["co_name"].__get__
_co_lines = getattr(_CodeType, "co_lines", None)                 # 3.10+
_co_lnotab = _CodeType.__dict__.get("co_lnotab")


try:
    import _tracemalloc
except ImportError:          # an interpreter built without it
    _tracemalloc = None


def _traceback_getter():
    tm = _tracemalloc
    if tm is None:
        return None
    try:
        return tm._get_object_traceback if tm.is_tracing() else None
    except Exception:
        return None


def sites_of(objs):
    """({traceback: site id}, [(object id, site id)]) of the objects (by dense id), or
    None when the program is not tracing."""
    get = _traceback_getter()
    if get is None:
        return None
    sites = {}
    pairs = []
    for i, tb in enumerate(map(get, objs)):
        if tb is not None:
            s = sites.get(tb)
            if s is None:
                s = sites[tb] = len(sites)
            pairs.append((i, s))
    return sites, pairs


def site_rows(sites, codes):
    """Rows of ``site``: (id, filename, lineno, function or None, traceback as JSON)."""
    functions = _Functions(codes)
    rows = []
    for tb, s in sites.items():
        filename, lineno = tb[0]
        rows.append((s, filename, lineno, functions.at(filename, lineno),
                     json.dumps([[f, n] for f, n in tb])))
    return rows


def _last_line(code):
    first = _co_firstlineno(code)
    if _co_lines is not None:
        return max((line for _, _, line in _co_lines(code) if line is not None), default=first)
    table = _co_lnotab.__get__(code)        # up to 3.9: (offset step, signed line step) pairs
    line = last = first
    for j in range(1, len(table), 2):
        step = table[j]
        line += step - 256 if step >= 128 else step
        last = max(last, line)
    return last


class _Functions(object):
    """The innermost recorded code object of a file whose lines include a line."""

    def __init__(self, codes):
        self.codes = codes
        self.by_file = None

    def at(self, filename, lineno):
        if self.by_file is None:
            self.by_file = {}
            for code in self.codes:
                try:
                    f = _co_filename(code)
                    self.by_file.setdefault(f, []).append(code)
                except Exception:
                    continue
        best = None
        best_first = -1
        for code in self.by_file.get(filename, ()):
            try:
                first = _co_firstlineno(code)
                if best_first < first <= lineno and lineno <= _last_line(code):
                    best, best_first = code, first
            except Exception:
                continue
        name = _co_name(best) if best is not None else None
        return name if type(name) is str else None
