"""Shape: a garbage cycle that shares objects with the roots.

    <frame work> --.locals['precious']--> Precious <--.held--   Orphan a <--.other--> Orphan b
    <module __main__> --.SHARED--> Shared     <--.shared--  Orphan a
                                               (the cycle a <-> b: no root reaches it, gc disabled)

Precious is reached from a thread stack and from an unreachable object, Shared from modules, thread
stacks (the module frame's locals are the module's globals) and an unreachable object.
"""
import gc

import _target

gc.disable()


class Precious(object):
    pass


class Shared(object):
    pass


class Orphan(object):
    def __init__(self):
        self.other = None


SHARED = Shared()


def make_garbage(precious):
    a, b = Orphan(), Orphan()
    a.other, b.other = b, a
    a.held, a.shared = precious, SHARED
    return id(a)


def work():
    precious = Precious()
    orphan = make_garbage(precious)
    _target.dump(precious=precious, shared=SHARED)
    return {"precious": id(precious), "shared": id(SHARED), "orphan": orphan}


FACTS = work()
import json, sys  # noqa: E402
# Written after the dump: naming the orphan to _target.dump would make its frame hold it.
with open(sys.argv[1] + ".facts.json", "w") as f:
    json.dump(FACTS, f)
