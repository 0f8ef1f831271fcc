"""Shape: an object held strongly by a list and weakly by a weakref, a proxy and
a WeakValueDictionary.

    HOLDER[0] --> Target <~~()~~ weakref.ref     (~~ weak, kind 1)
                         <~~()~~ weakref.proxy
                         <~~()~~ KeyedRef <-- WeakValueDictionary
"""
import weakref

import _target


class Target(object):
    pass


TARGET = Target()
HOLDER = [TARGET]
REF = weakref.ref(TARGET)
PROXY = weakref.proxy(TARGET)
WVD = weakref.WeakValueDictionary({"t": TARGET})
_target.dump(target=TARGET, ref=REF, proxy=PROXY)
