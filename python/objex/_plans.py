"""Per-type plans: how the walker labels an object's references, sizes it and
reads its value, decided once per type object.

A plan never calls code of the program: attribute values are read through the
C descriptors found in the type's dicts (member descriptors are stored pointers;
getset descriptors only from an allow-list known to return a stored pointer).
The walker matches the values read this way with ``gc.get_referents()`` by
identity to label each edge; values that are real stored pointers but are not
visited by the type's ``tp_traverse`` (a code object's constants, a running frame's
code and globals, a static type's dict) become extra edges.
"""

import collections
import sys
import types
import weakref

from . import _external, _label_rules, _managed_dict, _safe
from ._safe import MISSING, MemberDescriptor, GetSetDescriptor, mro_lookup, type_dict, type_mro

# Walk modes: which handler (_bulk.HANDLERS) walks the edges of an object of this type.
LEAF = 0      # no references at all (str, int, float, ...): nothing to visit
SEQ = 1       # exact list / tuple: referents in index order
DICT = 2      # exact dict: entries, labelled by key
SET = 3       # exact set / frozenset: members
GENERIC = 4   # anything else: referents labelled through the plan's readers
INSTANCE = 5  # a plain instance of a class: slots, __dict__ or inline values, class

PY311 = sys.version_info >= (3, 11)


def _frame_getset(name):
    """The generator frame getset, where reading it creates nothing."""
    return () if PY311 else (name,)


# Getset descriptors that return a pointer the object stores (no allocation,
# no side effect), by builtin type. Everything else of a builtin type is read
# only through member descriptors.
_GETSETS = {
    types.FunctionType: ("__code__", "__defaults__", "__kwdefaults__", "__name__",
                         "__qualname__", "__type_params__"),
    BaseException: ("args", "__traceback__", "__context__", "__cause__"),
    types.TracebackType: ("tb_next", "tb_frame"),
    types.CellType if hasattr(types, "CellType") else type((lambda x: lambda: x)(0).__closure__[0]):
        ("cell_contents",),
    types.BuiltinFunctionType: ("__self__",),
    types.MethodWrapperType: ("__self__",),
    # gi_frame / cr_frame / ag_frame only up to 3.10, where the frame is a separate
    # object: from 3.11 reading them creates a frame object for the generator
    types.GeneratorType: ("gi_code", "gi_yieldfrom", "__name__", "__qualname__") + _frame_getset("gi_frame"),
    types.CoroutineType: ("cr_code", "cr_await", "cr_origin", "__name__", "__qualname__") + _frame_getset("cr_frame"),
    types.AsyncGeneratorType: ("ag_code", "ag_await", "__name__", "__qualname__") + _frame_getset("ag_frame"),
    memoryview: ("obj",),
    __import__("io").TextIOWrapper: ("errors",),
    weakref.ref: ("__callback__",),
}

_GETSETS_BY_ID = {id(k): v for k, v in _GETSETS.items()}  # keyed by id: no metaclass hash

# The same for C types of modules the collector must not import itself (importing would
# change the process): by (module, qualified name).
_GETSETS_BY_NAME = {
    ("_asyncio", "Future"): ("_loop", "_result", "_exception", "_source_traceback", "_cancel_message"),
    ("_asyncio", "Task"): ("_coro", "_fut_waiter"),
}


def _allowed_getsets(base):
    allowed = _GETSETS_BY_ID.get(id(base))
    if allowed is not None:
        return allowed
    module = _safe.type_module_name(base)
    if module != "_asyncio":       # the one module listed by name (3.12+ builds its types on the heap)
        return ()
    return _GETSETS_BY_NAME.get((module, _safe.type_qualname(base)), ())

# Code objects are not gc-tracked: their fields are reached only as extra edges.
_CODE_FIELDS = ("co_consts", "co_names", "co_varnames", "co_freevars", "co_cellvars",
                "co_filename", "co_name", "co_qualname", "co_code", "co_lnotab",
                "co_linetable", "co_exceptiontable")

_SEQ_TYPES = (list, tuple, collections.deque)
_LEN_BASES = (str, bytes, bytearray, list, tuple, dict, set, frozenset, collections.deque)
_SCALARS = (str, bytes, int, float, complex, bool, type(None))

_FrameType = types.FrameType
_CodeType = types.CodeType
_ModuleType = types.ModuleType
_OBJECT_SIZEOF = object.__dict__["__sizeof__"]
_OBJECT_GETATTRIBUTE = object.__dict__["__getattribute__"]


class Plan(object):
    __slots__ = ("mode", "gc", "readers", "extras", "special", "probes", "probe_hits",
                 "probe_seen", "dict_rule", "class_edge", "items_base", "seq_base",
                 "set_base", "fields", "sizeof_safe", "len_fn", "scalar", "is_type",
                 "is_module", "is_frame", "is_code", "is_function", "is_generator", "namespace_refs", "dict_getter", "tid",
                 "probe_labels", "fixed_size", "size", "sizeof", "sizeof_extra", "pending", "queued", "layout",
                 "layout_checks", "layout_misses", "probe_names", "tp", "handler", "weakrefable", "runs",
                 "external", "buffers", "inline_values", "generic_getattr")

    def __init__(self):
        self.mode = GENERIC
        self.gc = False
        self.readers = ()          # (label, descr.__get__) matched with referents by identity
        self.extras = ()           # (label, descr.__get__, kind): stored pointers added as edges
        self.special = None        # the type's label rule (_label_rules), if it has one
        self.probes = None         # 3.11+: candidate instance attribute names (inline values)
        self.probe_hits = None
        self.probe_seen = 0
        self.dict_rule = False     # a leftover exact-dict referent is the instance __dict__
        self.class_edge = False    # heap type instances reference their type
        self.items_base = False    # a dict subclass: label entries
        self.seq_base = None       # a list/tuple/deque subclass: the base to iterate
        self.set_base = None
        self.fields = None         # namedtuple field names
        self.sizeof_safe = True
        self.len_fn = None
        self.scalar = None
        self.is_type = False
        self.is_module = False
        self.is_frame = False
        self.is_code = False
        self.is_function = False
        self.is_generator = False  # a generator, coroutine or async generator (the pygen table)
        self.namespace_refs = False  # a frame or function: its globals edges are NAMESPACE
        self.dict_getter = None
        self.tid = -1
        self.probe_labels = ()
        # what the walker keeps per type (see _walker and _bulk)
        self.fixed_size = False    # every instance has the same sys.getsizeof: read it once
        self.sizeof = None         # a C __sizeof__ to call directly (4x faster than getsizeof)
        self.sizeof_extra = None   # what getsizeof adds to it: the GC (and 3.12+ pre-)header
        self.size = None
        self.external = None       # bytes in C buffers __sizeof__ leaves out, per object (_external)
        self.buffers = None        # the dump's _external.DumpBuffers that notes them
        self.pending = []          # [start, end) id ranges waiting for their edges
        self.queued = False
        self.inline_values = False # 3.13 INSTANCE: its __dict__, once made, shares them (_managed_dict)
        self.layout = None         # INSTANCE: the label of each referent position, once learnt
        self.layout_checks = ()    # how a batch proves each position still holds
        self.layout_misses = 0
        self.generic_getattr = False  # INSTANCE: attribute reads are object.__getattribute__'s, so
                                      # operator.attrgetter may do them (one C call, ~3x faster)
        self.probe_names = frozenset()
        self.tp = None
        self.handler = None
        self.weakrefable = False
        self.runs = []             # (first id, count) of its runs, if weakrefable (find_keys)


def _builtin_base(tp, candidates):
    for base in type_mro(tp):
        for c in candidates:
            if base is c:
                return c
    return None


def _descriptors(tp):
    """(name, descriptor) of member descriptors and allow-listed getsets, nearest first."""
    seen = set()
    found = []
    for base in type_mro(tp):
        d = type_dict(base)
        allowed = _allowed_getsets(base)
        for name, value in list(d.items()):     # d[name] would compare user keys
            if type(name) is not str or name in seen:
                continue
            vt = type(value)
            if vt is MemberDescriptor or (vt is GetSetDescriptor and name in allowed):
                seen.add(name)
                found.append((name, value))
    return found


# Instance attributes a library sets from outside the class's own methods (so no
# co_names of the class names them): enum's _proto_member.__set_name__ sets these
# on every member. Without them a member's __objclass__ edge is unlabelled.
_SET_FROM_OUTSIDE = {
    ("enum", "Enum"): ("_value_", "_name_", "__objclass__", "_sort_order_"),
    # importlib's _load_unlocked and 3.11+'s _find_and_load_unlocked set these on a module's spec
    ("_frozen_importlib", "ModuleSpec"): ("_initializing", "_uninitialized_submodules"),
    ("importlib._bootstrap", "ModuleSpec"): ("_initializing", "_uninitialized_submodules"),
    # typing sets it on an instance made by calling a subscripted generic class, C[int]()
    ("typing", "Generic"): ("__orig_class__",),
}


def _probe_names(tp):
    """3.11+: attribute names the class's own methods use, as candidates for the
    instance's inline values (reading ``__dict__`` would materialise it). Names
    that resolve to a descriptor on the type are left out: probing them could run
    a property or a user descriptor."""
    names = []
    seen = set()
    codes = []
    for base in type_mro(tp):
        for name in _SET_FROM_OUTSIDE.get((_safe.type_module_name(base), _safe.type_qualname(base)), ()):
            if name not in seen:
                seen.add(name)
                names.append(name)
        if not _safe.is_heap_type(base):
            continue
        for value in list(type_dict(base).values()):
            vt = type(value)
            if vt is staticmethod or vt is classmethod:
                value = value.__func__
                vt = type(value)
            if vt is types.FunctionType:
                codes.append(value.__code__)
            elif vt is property:
                for f in (value.fget, value.fset):
                    if type(f) is types.FunctionType:
                        codes.append(f.__code__)
    while codes:
        code = codes.pop()
        for c in code.co_consts:
            if type(c) is _CodeType:
                codes.append(c)
        for name in code.co_names:
            if name in seen or type(name) is not str:
                continue
            seen.add(name)
            found = mro_lookup(tp, name)
            if found is not MISSING and _safe.has_get(found):
                continue
            names.append(name)
    return names


def make_plan(tp):
    p = Plan()
    flags = _safe.type_flags(tp)
    heap = bool(flags & _safe.HEAPTYPE)
    p.gc = bool(flags & _safe.HAVE_GC)
    sizeof = mro_lookup(tp, "__sizeof__")
    # sys.getsizeof looks __sizeof__ up itself, comparing the MRO dicts' keys; on a
    # static type never readied (3.8's functools._lru_list_elem) that lookup readies
    # it, a change the process keeps: such a type's size is its C base size
    p.sizeof_safe = (sizeof is MISSING or _safe.is_builtin_slot(sizeof)) and _safe.mro_str_keyed(tp) \
        and _safe.is_ready(tp)
    # object.__sizeof__ with no items: tp_basicsize (+ GC and 3.12+ pre-headers), per type
    p.fixed_size = sizeof is _OBJECT_SIZEOF and not _safe.type_itemsize(tp) and p.sizeof_safe
    if type(sizeof) is _safe.MethodDescriptor and not issubclass(tp, type):
        # (the header getsizeof adds depends on the type only, except for types,
        # some of which are not gc objects)
        p.sizeof = sizeof
    p.weakrefable = bool(_safe.type_weakrefoffset(tp))
    for base in _SCALARS:
        if tp is base:
            p.scalar = base
    if _external.is_mmap(tp, type_mro(tp)):
        p.external = _external.mmap_bytes
    len_base = _builtin_base(tp, _LEN_BASES)
    if len_base is not None:
        # the builtin itself (exact type: its C length, nothing of the program's) is a
        # cheaper call than the slot wrapper that a subclass's length must go through
        p.len_fn = len if tp is len_base else len_base.__len__
    if tp is list or tp is tuple:
        p.mode = SEQ
        return p
    if tp is dict:
        p.mode = DICT
        return p
    if tp is set or tp is frozenset:
        p.mode = SET
        return p
    if not p.gc and tp is not _CodeType and not issubclass(tp, type) \
            and not issubclass(tp, weakref.ref) and not _safe.is_one_of(tp, _label_rules.PROXY_TYPES):
        p.mode = LEAF
        return p
    p.mode = GENERIC
    p.readers = tuple(("." + name, d.__get__) for name, d in _descriptors(tp))
    p.is_type = issubclass(tp, type)
    p.is_module = issubclass(tp, _ModuleType)
    p.is_frame = tp is _FrameType
    p.is_code = tp is _CodeType
    p.is_function = tp is types.FunctionType
    p.is_generator = tp is types.GeneratorType or tp is types.CoroutineType or tp is types.AsyncGeneratorType
    p.namespace_refs = p.is_frame or p.is_function
    if p.is_code:
        code_dict = type_dict(_CodeType)
        p.extras = tuple(("." + n, code_dict[n].__get__, 0) for n in _CODE_FIELDS
                         if type(code_dict.get(n)) is MemberDescriptor)
        p.readers = ()
    _label_rules.rule_for(p, tp, type_mro(tp))
    p.seq_base = _builtin_base(tp, _SEQ_TYPES)      # deque (a heap type on 3.13), subclasses
    dictoffset = type.__dict__["__dictoffset__"].__get__(tp)
    p.dict_rule = bool(dictoffset) and not p.is_type and not p.is_module
    if heap:
        p.class_edge = True
        p.items_base = _builtin_base(tp, (dict,)) is not None
        p.set_base = _builtin_base(tp, (set, frozenset))
        if p.seq_base is tuple:
            fields = mro_lookup(tp, "_fields")
            if type(fields) is tuple and all(type(f) is str for f in fields):
                p.fields = fields
        if PY311 and dictoffset and not p.is_type:
            # object.__getattribute__ compares the MRO dicts' keys: only str-keyed ones
            p.probes = _probe_names(tp) if _safe.mro_str_keyed(tp) else []
            p.probe_names = frozenset(p.probes)
            p.probe_hits = [0] * len(p.probes)
            descr = mro_lookup(tp, "__dict__")
            if type(descr) is GetSetDescriptor:
                p.dict_getter = descr.__get__
    elif _builtin_base(tp, (dict,)) is not None:
        p.items_base = True           # OrderedDict, defaultdict
    if heap and p.special is None and not p.extras and not (p.items_base or p.seq_base
            or p.set_base or p.is_type or p.is_module) and type_base_is_object(tp):
        p.mode = INSTANCE
        p.inline_values = bool(flags & _managed_dict.INLINE_VALUES) and _managed_dict.OK \
            and _managed_dict.INLINE_SHARED
        # no __getattribute__ or __getattr__ of the program's: the type's tp_getattro is
        # object's, and a read through it runs nothing object.__getattribute__ would not
        p.generic_getattr = mro_lookup(tp, "__getattribute__") is _OBJECT_GETATTRIBUTE \
            and mro_lookup(tp, "__getattr__") is MISSING
    return p


def type_base_is_object(tp):
    """True when the class adds only Python-level state to ``object`` (its C base
    is object itself), so its referents are slots, dict or inline values, class."""
    base = tp
    while base is not None and _safe.is_heap_type(base):
        base = _safe.type_base(base)
    return base is object
