"""Label rules for the types whose references their C descriptors cannot name:
the one place to add a rule for a type.

A rule is a function ``rule(o, t, p, refs, labels, extras, keep)`` called by
_labels.generic_edges for each object ``o`` of type ``t`` (plan ``p``), after the
plan's readers have labelled what they could: it may label more of the referents
``refs`` (``labels``: id -> label, see _edges.add_label), append extra edges that
tp_traverse does not visit (``extras``: (label, value, kind)), and keep values it
read alive in ``keep`` while ids are compared. It must not call the program's code:
exact-type checks, C descriptors and _safe's lookups only.

To add one: write the rule, then one line in ``_RULES`` (a test of the type, by
identity or by its C name, the rule, and what the plan needs set up for it). A C
type whose fields no attribute returns, but whose referents differ by type or by
the order tp_traverse visits them, needs only a line in ``_LEFT_BY_C_NAME`` (or
``_CTYPES_LEFT`` for ctypes' metatypes). bench/collector/unlabelled_edges.py finds
what is still unlabelled on real heaps (docs/dump-format.md, "Unlabelled references").
"""

import functools
import types
import weakref

from . import _abc_data, _external, _framelocals, _safe
from ._edges import NAMESPACE, STRONG, WEAK, Address, add_label
from ._keys import key as _key, key_of_address
from ._safe import type_bases, type_name, type_dict, _type_mro_get, _type_base_get, \
    _type_name_get, _type_qualname_get, is_heap_type, is_one_of

_get_referents = __import__("gc").get_referents
_ref_call = weakref.ref.__call__


def _read_fields(o, fields, labels, extras):
    """Stored pointers read through C getsets ((label, getter, kind)): each one that is
    set becomes an extra edge and labels that referent, if nothing labelled it first."""
    for label, get, kind in fields:
        try:
            v = get(o)
        except Exception:
            continue
        if v is not None:
            extras.append((label, v, kind))
            labels.setdefault(id(v), label)


def type_rule(o, t, p, refs, labels, extras, keep):
    """A class: its dict (a static type's is not visited), MRO, bases and names."""
    proxy = type_dict(o)
    inner = _get_referents(proxy)
    if inner:
        extras.append((".__dict__", inner[0], STRONG))
        labels.setdefault(id(inner[0]), ".__dict__")
    _read_fields(o, ((".__mro__", _type_mro_get, STRONG), (".__bases__", type_bases, STRONG),
                     (".__base__", _type_base_get, STRONG)), labels, extras)
    if is_heap_type(o):
        for label, get in ((".__name__", _type_name_get), (".__qualname__", _type_qualname_get)):
            v = get(o)
            extras.append((label, v, STRONG))
            labels.setdefault(id(v), label)


_FrameType = types.FrameType
_f_globals = _FrameType.__dict__["f_globals"].__get__
_f_builtins = _FrameType.__dict__["f_builtins"].__get__
_f_code = _FrameType.__dict__["f_code"].__get__
_f_back = _FrameType.__dict__["f_back"].__get__

_GLOBALS = ".f_globals"
_BUILTINS = ".f_builtins"
# the labels of NAMESPACE referents (frames up to 3.10 report their globals as referents)
NAMESPACE_LABELS = frozenset((_GLOBALS, _BUILTINS, ".__globals__", ".__builtins__"))


def globals_of(frame):
    try:
        return _f_globals(frame)
    except Exception:
        return None


def frame_rule(o, t, p, refs, labels, extras, keep):
    """A frame: its caller, code and namespaces (a running frame's are not visited),
    and its locals read from their slots (_framelocals), named ``.locals['x']``."""
    _read_fields(o, ((".f_back", _f_back, STRONG), (".f_code", _f_code, STRONG),
                     (_GLOBALS, _f_globals, NAMESPACE), (_BUILTINS, _f_builtins, NAMESPACE)), labels, extras)
    own, pairs, extra = _framelocals.read_frame(o, refs)
    if own is not None and own is not globals_of(o):
        # a module-level frame's locals are its globals, which belong to the module
        # (the .f_globals edge above keeps them, as it does for every frame)
        if extra:
            extras.append((".f_locals", own, STRONG))
        labels.setdefault(id(own), ".f_locals")
    _label_locals(pairs, extra, labels, extras)
    if _framelocals.LAYOUT_OK and not extra:
        # up to 3.10 a suspended frame also visits the values on its evaluation stack
        # (an iterator being looped over, an awaited future, a call's arguments)
        _label_left(refs, labels, ((None, ".<value stack>"),) * len(refs))


def _label_locals(pairs, extra, labels, extras):
    for name, v in pairs:
        label = ".locals[%r]" % name
        if extra:
            extras.append((label, v, STRONG))
        add_label(labels, id(v), label)


def generator_rule(o, t, p, refs, labels, extras, keep):
    # Up to 3.10 a suspended generator's frame is a separate object (its locals are
    # labelled there); from 3.11 the frame lives inside the generator, its locals
    # among the generator's own referents (gi_frame would create a frame object).
    _label_locals(_framelocals.read_generator(o, refs), False, labels, extras)


def proxy_dict_rule(o, t, p, refs, labels, extras, keep):
    if refs:
        labels[id(refs[0])] = ".<proxied_dict>"


def lru_rule(o, t, p, refs, labels, extras, keep):
    try:
        inst = p.dict_getter(o, t)
    except Exception:
        inst = None
    if type(inst) is dict:
        keep.append(inst)
        labels[id(inst)] = ".__dict__"
        wrapped = _safe.str_lookup(inst, "__wrapped__")
        if wrapped is not None:
            labels.setdefault(id(wrapped), ".__wrapped__")
    for r in refs:
        k = id(r)
        if k in labels:
            continue
        if type(r) is dict:
            labels[k] = ".<cache>"
        elif issubclass(type(r), type):
            labels[k] = ".<cache_info_type>" if type_name(r) == "CacheInfo" else ".<internal type>"
        else:
            labels[k] = ".<cache_entry>"


def weakref_rule(o, t, p, refs, labels, extras, keep):
    try:
        target = _ref_call(o)
    except Exception:
        return
    if target is None:
        return
    # by key, not as an object: a weak edge never records its target (a weakly
    # held object is in the dump only if something else reaches it)
    extras.append(("()", Address(_key(target)), WEAK))


def _weakproxy_referent(o, t, extras):
    try:
        text = t.__repr__(o)
    except Exception:
        return
    at = text.rfind(" at 0x")
    if at > 0 and text.endswith(">"):
        try:
            extras.append(("()", Address(key_of_address(int(text[at + 6:-1], 16))), WEAK))
        except ValueError:
            pass


def stringio_rule(o, t, p, refs, labels, extras, keep):
    # up to 3.11 the pieces written while accumulating are lists only the C struct holds
    for pieces in _external.stringio_accumulated(o):
        extras.append((".<accumulated>", pieces, STRONG))


def task_rule(o, t, p, refs, labels, extras, keep):
    """An asyncio Task's name and context have no attribute to read them by (only
    methods); they are its unlabelled str and contextvars.Context referents."""
    for r in refs:
        if id(r) in labels:
            continue
        name = type_name(type(r))
        if name == "Context":
            labels[id(r)] = "._context"
        elif type(r) is str or type(r) is int:    # 3.13 keeps a default name as its number
            labels[id(r)] = "._name"
    _label_left(refs, labels, _FUTURE_LEFT)


def property_rule(o, t, p, refs, labels, extras, keep):
    # 3.10+ keeps the name __set_name__ gave it in a C field with no attribute
    for r in refs:
        if type(r) is str and id(r) not in labels:
            labels[id(r)] = ".<name>"


def function_rule(o, t, p, refs, labels, extras, keep):
    """A function's __dict__ and __annotations__ are read by getters that would
    create them; tell them apart among the unlabelled referents instead:
    tp_traverse visits the dict before the annotations, 3.10+ may keep the
    annotations as a tuple, and an annotations dict is keyed by parameter names."""
    left = [r for r in refs if id(r) not in labels and (type(r) is dict or type(r) is tuple)]
    if not left:
        return
    if len(left) == 2:
        labels[id(left[0])] = ".__dict__"
        labels[id(left[1])] = ".__annotations__"
        return
    r = left[0]
    if type(r) is tuple:
        labels[id(r)] = ".__annotations__"
        return
    try:
        names = set(_co_varnames_of(o)) | {"return"}
        keys = list(dict.keys(r))
    except Exception:
        return
    if keys and all(type(k) is str and k in names for k in keys):
        labels[id(r)] = ".__annotations__"
    else:
        labels[id(r)] = ".__dict__"


def _label_left(refs, labels, by_type):
    """Label each referent no reader labelled by its exact type (``by_type``: pairs of a
    type and a label, in the order tp_traverse visits the fields: a type listed twice
    labels its first unlabelled referent with the first label, the next with the second)."""
    used = set()
    for r in refs:
        if id(r) in labels:
            continue
        rt = type(r)
        for j, (tp, label) in enumerate(by_type):
            # a type is named by its C name where the collector cannot import it (typing's NoDefault)
            if j not in used and (rt is tp or tp is None or (type(tp) is str and type_name(rt) == tp)):
                labels[id(r)] = label
                used.add(j)
                break


def module_rule(o, t, p, refs, labels, extras, keep):
    """A module visits its ``__dict__`` and then what its C state holds (m_traverse:
    the module's types, exceptions, caches), which no attribute names."""
    _label_left(refs, labels, ((None, ".<module state>"),) * len(refs))


def abc_data_rule(o, t, p, refs, labels, extras, keep):
    _abc_data.label_sets(o, refs, labels)


def method_wrapper_rule(o, t, p, refs, labels, extras, keep):
    # a bound slot wrapper (``x.__add__``) holds the type's slot descriptor and ``__self__``
    _label_left(refs, labels, ((_WrapperDescriptor, ".<descriptor>"),))


def builtin_method_rule(o, t, p, refs, labels, extras, keep):
    # 3.9+: a method of a C class defined with METH_METHOD keeps its defining class (m_class)
    _label_left(refs, labels, ((None, ".<defining class>"),))


def weakproxy_rule(o, t, p, refs, labels, extras, keep):
    """A proxy visits only its callback (no attribute reads it: the proxy would
    forward the read to its referent); its referent is read from the proxy type's own
    C repr (its address), and linked only if the walk records an object there."""
    _label_left(refs, labels, ((None, ".__callback__"),))
    _weakproxy_referent(o, t, extras)


def _left_rule(by_type, o, t, p, refs, labels, extras, keep):
    _label_left(refs, labels, by_type)


_CONTEXT_LEFT = (("Context", ".<prev>"), (None, ".<vars>"))
# ctypes' metatypes keep their C type information (up to 3.12 in the type's dict, a StgDict;
# from 3.13 in the type itself, visited by the type): the item type and the pointer type made for it
_CTYPES_LEFT = {
    ("_ctypes", "PyCSimpleType"): ((str, ".<proto>"), (None, ".<pointer_type>")),
    ("_ctypes", "PyCArrayType"): ((None, ".<proto>"), (None, ".<pointer_type>")),
    ("_ctypes", "PyCPointerType"): ((None, ".<proto>"), (None, ".<pointer_type>")),
    ("_ctypes", "PyCStructType"): ((None, ".<pointer_type>"),),
    ("_ctypes", "UnionType"): ((None, ".<pointer_type>"),),
    ("_ctypes", "PyCFuncPtrType"): ((tuple, ".<argtypes>"), (tuple, ".<converters>"), (None, ".<restype>"),
                                   (None, ".<checker>"), (None, ".<pointer_type>")),
}
_FUTURE_LEFT = ((list, ".<callbacks>"), (dict, ".__dict__"), (None, ".<callback0>"), (None, ".<context0>"))
_LINE_ENDINGS = ("\n", "\r", "\r\n", "")


def textio_rule(o, t, p, refs, labels, extras, keep):
    """A TextIOWrapper's codec state has no attributes: its encoder and decoder (codec
    objects of any class, visited in that order), the newline it reads by (a str, visited
    first), its buffered text (strs: decoded but not yet read, or written but not yet
    encoded, which tp_traverse alone cannot tell apart), the bytes waiting to be written,
    the decoder's snapshot (a tuple) and the raw FileIO it reads through in one step."""
    strs = [r for r in refs if type(r) is str and id(r) not in labels]
    if strs and strs[0] in _LINE_ENDINGS:
        labels[id(strs.pop(0))] = ".<readnl>"
    for r in strs:
        labels[id(r)] = ".<buffered text>"
    for r in refs:
        if id(r) in labels:
            continue
        rt = type(r)
        name = type_name(rt)
        if rt is bytes or rt is list:
            labels[id(r)] = ".<pending_bytes>"
        elif rt is tuple:
            labels[id(r)] = ".<snapshot>"
        elif name == "FileIO":
            labels[id(r)] = ".<raw>"
        elif "Encoder" in name or "encoder" in name:
            labels[id(r)] = ".<encoder>"
        elif "Decoder" in name or "decoder" in name:
            labels[id(r)] = ".<decoder>"


def generator_extra_rule(o, t, p, refs, labels, extras, keep):
    """3.11+: a generator's own interpreter frame visits its function (f_funcobj) and,
    once something made one, its frame object: what gi_frame returns then."""
    generator_rule(o, t, p, refs, labels, extras, keep)
    _label_left(refs, labels, ((types.FunctionType, ".<function>"),
                               (_FrameType, _FRAME_ATTRIBUTE.get(t, ".gi_frame"))))


_FRAME_ATTRIBUTE = {types.GeneratorType: ".gi_frame", types.CoroutineType: ".cr_frame",
                    types.AsyncGeneratorType: ".ag_frame"}

# Types whose leftover referents (after the readers) are told apart by their type and the
# order tp_traverse visits them: (module, qualified name) -> ((referent type or None, label), ...)
_LEFT_BY_C_NAME = {
    ("_struct", "Struct"): ((bytes, ".<format>"),),                       # .format decodes a copy
    ("re", "Pattern"): ((dict, ".<groupindex>"), (tuple, ".<indexgroup>")),  # .groupindex is a proxy
    ("operator", "attrgetter"): ((tuple, ".<attrs>"),),
    ("operator", "itemgetter"): ((None, ".<items>"),),
    ("types", "GenericAlias"): ((tuple, ".__parameters__"),),   # computed on first read: not read
    ("_ctypes", "CField"): ((None, ".<proto>"),),
    ("_contextvars", "Context"): _CONTEXT_LEFT,
    ("builtins", "hamt"): ((None, ".<root>"),),
    ("_asyncio", "FutureIter"): ((None, ".<future>"),),
    ("functools", "KeyWrapper"): ((None, ".<cmp>"),),                 # its .obj is a member
    ("_json", "Scanner"): ((dict, ".<memo>"),),
    ("_asyncio", "TaskStepMethWrapper"): ((None, ".<task>"),),
    ("_asyncio", "TaskWakeupMethWrapper"): ((None, ".<task>"),),
    ("builtins", "TaskStepMethWrapper"): ((None, ".<task>"),),          # 3.8-3.11 name them so
    ("builtins", "TaskWakeupMethWrapper"): ((None, ".<task>"),),
    ("builtins", "Context"): _CONTEXT_LEFT,                            # 3.8-3.9
    ("operator", "methodcaller"): ((str, ".<name>"), (tuple, ".<args>"), (dict, ".<kwargs>")),
    ("decimal", "Context"): ((None, ".traps"), (None, ".flags")),      # the C fields behind them
    # 3.12+: bound, constraints and default, stored or as the functions that evaluate them lazily
    ("typing", "TypeVar"): (("NoDefaultType", ".__default__"), (tuple, ".__constraints__"),
                            (types.FunctionType, ".<evaluate>"), (types.FunctionType, ".<evaluate>"),
                            (None, ".__bound__"), (None, ".__default__")),
    # the first callback and its context are kept apart from the list of the others
    ("_asyncio", "Future"): _FUTURE_LEFT,
}


def _left_by_name(tp, mro):
    return _LEFT_BY_C_NAME.get((_safe.type_module_name(tp), _safe.type_qualname(tp)))


def ctypes_type_rule(by_type, o, t, p, refs, labels, extras, keep):
    type_rule(o, t, p, refs, labels, extras, keep)
    _label_left(refs, labels, by_type)


def _set_ctypes_type_rule(p, tp):
    p.special = functools.partial(ctypes_type_rule, _CTYPES_LEFT[_c_name(tp)])


def _set_left_rule(p, tp):
    p.special = functools.partial(_left_rule, _left_by_name(tp, None))


def count_rule(o, t, p, refs, labels, extras, keep):
    # itertools.count keeps its start in a C long until it overflows (then an int object,
    # visited first) and its step always
    ints = [r for r in refs if id(r) not in labels]
    for r, label in zip(ints, (".<count>", ".<step>") if len(ints) == 2 else (".<step>",)):
        labels[id(r)] = label


_fn_code = types.FunctionType.__dict__["__code__"].__get__
_co_varnames = types.CodeType.__dict__.get("co_varnames")


def _co_varnames_of(fn):
    code = _fn_code(fn)
    if type(_co_varnames) is _safe.MemberDescriptor:
        return _co_varnames.__get__(code)
    return code.co_varnames        # 3.11+: computed from the code's own fields (C)


def _is_asyncio_task(tp, mro):
    for base in mro:
        if _safe.type_qualname(base) == "Task" and _safe.type_module_name(base) == "_asyncio":
            return True
    return False


def _set_lru_dict_getter(p, tp):
    p.dict_getter = type_dict(tp)["__dict__"].__get__


def _set_stringio_external(p, tp):
    p.external = _external.stringio_bytes


_MethodWrapper = type((0).__add__)
_WrapperDescriptor = type(int.__add__)
_LruWrapper = type(functools.lru_cache()(lambda: None))
PROXY_TYPES = (weakref.ProxyType, weakref.CallableProxyType)
_GENERATOR_TYPES = (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)

# (does type tp, with its MRO, take this rule?, the rule, what its plan needs first);
# the first that matches is the type's rule. Every test is by identity or by C name.
_RULES = (
    (lambda tp, mro: _c_name(tp) in _CTYPES_LEFT, ctypes_type_rule, _set_ctypes_type_rule),
    (lambda tp, mro: issubclass(tp, type), type_rule, None),
    (lambda tp, mro: tp is _FrameType, frame_rule, None),
    (lambda tp, mro: tp is types.MappingProxyType, proxy_dict_rule, None),
    (lambda tp, mro: issubclass(tp, property), property_rule, None),
    (lambda tp, mro: tp is types.FunctionType, function_rule, None),
    (lambda tp, mro: tp is _LruWrapper, lru_rule, _set_lru_dict_getter),
    (lambda tp, mro: issubclass(tp, weakref.ref), weakref_rule, None),
    (lambda tp, mro: is_one_of(tp, PROXY_TYPES), weakproxy_rule, None),
    (lambda tp, mro: is_one_of(tp, _GENERATOR_TYPES), generator_extra_rule, None),
    (_is_asyncio_task, task_rule, None),
    (_external.is_stringio, stringio_rule, _set_stringio_external),
    (lambda tp, mro: issubclass(tp, types.ModuleType), module_rule, None),
    (lambda tp, mro: _c_name(tp) == ("_abc", "_abc_data"), abc_data_rule, None),
    (lambda tp, mro: tp is _MethodWrapper, method_wrapper_rule, None),
    (lambda tp, mro: tp is types.BuiltinFunctionType or _c_name(tp) == ("builtins", "builtin_method"),
     builtin_method_rule, None),
    (lambda tp, mro: _c_name(tp) == ("_io", "TextIOWrapper"), textio_rule, None),
    (lambda tp, mro: _c_name(tp) == ("itertools", "count"), count_rule, None),
    (lambda tp, mro: _left_by_name(tp, mro) is not None, _left_rule, _set_left_rule),
)


def _c_name(tp):
    return _safe.type_module_name(tp), _safe.type_qualname(tp)


def rule_for(p, tp, mro):
    """Give plan ``p`` of type ``tp`` its label rule, if one applies; returns it."""
    for matches, rule, prepare in _RULES:
        if matches(tp, mro):
            if prepare is not None:
                prepare(p, tp)
            if p.special is None:
                p.special = rule
            return p.special
    return None
