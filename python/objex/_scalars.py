"""The short ``value`` text of scalar objects (exact builtin types only, so no
``__repr__`` of the program ever runs)."""

MAX_CHARS = 200
ELLIPSIS = "\u2026"
_MAX_INT_BITS = 664          # about 200 decimal digits: longer ints get no value


def _cut(text):
    if len(text) > MAX_CHARS:
        return text[:MAX_CHARS] + ELLIPSIS
    return text


def scalar_value(o, kind):
    """``kind`` is the exact type (from the type's plan)."""
    if kind is str:
        return _cut(o) if len(o) <= MAX_CHARS else o[:MAX_CHARS] + ELLIPSIS
    if kind is bytes:
        return _cut(repr(o[:MAX_CHARS + 1]))
    if kind is int:
        if o.bit_length() > _MAX_INT_BITS:
            return None
        return repr(o)
    if kind is bool:
        return "True" if o else "False"
    if kind is type(None):
        return "None"
    return repr(o)         # float, complex
