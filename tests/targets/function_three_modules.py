"""Shape: one function referenced from three modules.

    <module m1> --.handler--> function handler
    <module m2> --.handler--> function handler
    <module m3> --.handler--> function handler
"""
import sys
import types

import _target


def handler():
    return 42


for name in ("m1", "m2", "m3"):
    mod = types.ModuleType(name)
    mod.handler = handler
    sys.modules[name] = mod
_target.dump(handler=handler)
