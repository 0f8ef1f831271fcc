"""Shape: a list held by a module global.

    <module __main__> --.__dict__--> dict --@'LEAK'--> list --0--> Payload
"""
import _target


class Payload(object):
    def __init__(self, n):
        self.n = n


LEAK = [Payload(i) for i in range(3)]
_target.dump(leak=LEAK, first=LEAK[0])
