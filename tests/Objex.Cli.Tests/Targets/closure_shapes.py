"""Shape: objects a program holds only through closures and a frame's cell variable,
whose paths the explorer names by the variable (issue 16).

    <module __main__>.ON_FINISHED (function on_finished) --.__closure__--> tuple --0--> cell --> Payload
    <module __main__>.NESTED (function inner, made inside middle inside outer) --> cell --> Config
    <frame main>.locals['held'] --> cell --> Held      (captured by the local function use)
"""
import sys

import objex


class Payload(object):
    pass


class Config(object):
    pass


class Held(object):
    pass


def make_handler(payload, retries):
    def on_finished():
        return payload, retries
    return on_finished


def outer(config):
    def middle():
        def inner():
            return config
        return inner
    return middle()


ON_FINISHED = make_handler(Payload(), 3)
NESTED = outer(Config())


def main():
    held = Held()

    def use():
        return held
    objex.dump_graph(sys.argv[1])
    return use


main()
