"""Shape: one object held by two modules.

    <module alpha> --.SHARED--> Shared <--.SHARED-- <module beta>
"""
import sys
import types

import _target


class Shared(object):
    pass


SHARED = Shared()
for name in ("alpha", "beta"):
    m = types.ModuleType(name)
    m.SHARED = SHARED
    sys.modules[name] = m
del m
_target.dump(shared=SHARED, alpha=sys.modules["alpha"], beta=sys.modules["beta"])
