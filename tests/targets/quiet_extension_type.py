"""Shape: instances of a C-level heap type whose traversal visits nothing, not even
the type (as some extension types built with PyType_FromSpec do). Made here through
ctypes: a gc type of one pointer-sized field, traversed by the cell type's function,
which visits that field, always NULL.

    QUIET (list) --> Quiet() x 10,000     (no references out of them)

Needs PyType_GetSlot on a static type (CPython 3.10+); the target exits 0 with
{"skipped": why} in its facts elsewhere.
"""
import ctypes
import sys

import _target

Py_tp_traverse = 71
Py_TPFLAGS_BASETYPE, Py_TPFLAGS_HAVE_GC = 1 << 10, 1 << 14


class Slot(ctypes.Structure):
    _fields_ = [("slot", ctypes.c_int), ("pfunc", ctypes.c_void_p)]


class Spec(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("basicsize", ctypes.c_int), ("itemsize", ctypes.c_int),
                ("flags", ctypes.c_uint), ("slots", ctypes.POINTER(Slot))]


def quiet_type():
    api = ctypes.pythonapi
    api.PyType_GetSlot.restype, api.PyType_GetSlot.argtypes = ctypes.c_void_p, [ctypes.py_object, ctypes.c_int]
    api.PyType_FromSpec.restype, api.PyType_FromSpec.argtypes = ctypes.py_object, [ctypes.POINTER(Spec)]
    cell_type = type((lambda y: (lambda: y))(1).__closure__[0])
    traverse = api.PyType_GetSlot(cell_type, Py_tp_traverse)
    slots = (Slot * 2)(Slot(Py_tp_traverse, traverse), Slot(0, None))
    # header (16 bytes) + the field the cell's traverse visits
    spec = Spec(b"ext.Quiet", 16 + ctypes.sizeof(ctypes.c_void_p), 0, Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC, slots)
    quiet_type.keep = (slots, spec)
    return api.PyType_FromSpec(ctypes.byref(spec))


if sys.version_info < (3, 10):
    _target.dump()
    _target.add_facts(skipped="PyType_GetSlot reads only heap types before 3.10")
else:
    Quiet = quiet_type()
    QUIET = [Quiet() for _ in range(10000)]
    _target.dump(quiet=QUIET[0], quiet_list=QUIET)
