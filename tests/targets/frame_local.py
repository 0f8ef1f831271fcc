"""Shape: an object held only by a running frame's local variable.

    <frame work> --.locals['precious']--> Precious
    <frame work> --.f_locals--> {'precious': ...}   (up to 3.12: the frame's own locals dict)
    <function work> --.__globals__ (namespace, kind 2)--> __main__'s dict
    <frame <module>> --.f_globals (kind 2)--> __main__'s dict, and no .locals[...] edges:
                     a module-level frame's locals are its module's globals
"""
import _target


class Precious(object):
    pass


def work():
    precious = Precious()
    _target.dump(precious=precious, work=work)


work()
