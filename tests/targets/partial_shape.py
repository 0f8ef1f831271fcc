"""Shape: a functools.partial holding its function, arguments and keywords.

    JOB (partial) --.func--> function send
                  --.args--> tuple --0--> Payload
                  --.keywords--> dict --@'retries'--> Policy
"""
import functools

import _target


class Payload(object):
    pass


class Policy(object):
    pass


def send(payload, retries=None):
    return payload


JOB = functools.partial(send, Payload(), retries=Policy())
_target.dump(job=JOB, payload=JOB.args[0], policy=JOB.keywords["retries"], send=send)
