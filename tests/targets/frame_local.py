"""Shape: an object held only by a running frame's local variable.

    <frame work> --.locals['precious']--> Precious
"""
import _target


class Precious(object):
    pass


def work():
    precious = Precious()
    _target.dump(precious=precious)


work()
