"""Shape: one of each kind of object whose references had no label before issue 16,
held by the module so the test finds them (each arrow is one reference now labelled).

    wrapper (method-wrapper (1).__add__) --.<descriptor>--> wrapper_descriptor int.__add__
    abc data (Base._abc_impl) --._abc_registry--> set {weakref to Registered}
    pattern (re.Pattern with named groups) --.<groupindex>--> dict, --.<indexgroup>--> tuple
    packer (struct.Struct) --.<format>--> b'<2i'
    proxy (weakref.proxy(target, callback)) --.__callback__--> function
    counter (itertools.count(5, 2)) --.<step>--> 2
    getter (operator.attrgetter("a", "b")) --.<attrs>--> ('a', 'b')
    caller (operator.methodcaller("join", ...)) --.<name>, .<args>--> 'join', (...)
    alias (list[T]) --.__parameters__--> (T,)
    module _io --.<module state>--> its types (3.9+: module state)
    spec (ModuleSpec of json) --._initializing--> False
    stream (io.TextIOWrapper) --.<encoder>--> IncrementalEncoder
"""
import abc
import io
import itertools
import json
import operator
import re
import struct
import sys
import typing
import weakref

import _target


class Base(abc.ABC):
    pass


class Registered(object):
    pass


class Target(object):
    pass


def on_death(ref):
    pass


Base.register(Registered)
issubclass(int, Base)
T = typing.TypeVar("T")
TARGET = Target()
HELD = {
    "wrapper": (1).__add__,
    "abc_data": Base.__dict__["_abc_impl"],
    "pattern": re.compile(r"(?P<year>\d+)-(?P<month>\d+)"),
    "packer": struct.Struct("<2i"),
    "proxy": weakref.proxy(TARGET, on_death),
    "counter": itertools.count(5, 2),
    "getter": operator.attrgetter("a", "b"),
    "caller": operator.methodcaller("join", ["x"]),
    "alias": typing.List[T] if sys.version_info < (3, 9) else list[T],
    "module": sys.modules["_io"],
    "spec": json.__spec__,
    "stream": io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n"),
}
HELD["stream"].write("x")
HELD["alias"].__parameters__      # stored once computed (3.9+)
_target.dump(**HELD)
