"""Shape: variables held in cells, named in paths by their variable name (issue 16).

    ON_FINISHED (function on_finished) --.__closure__--> tuple --0--> cell --.cell_contents--> Payload
        (on_finished's code: co_freevars ('payload', 'retries'))
    NESTED (function inner) --.__closure__--> (cell of config) --> Config   (passed down through middle)
    <frame main> --.locals['held']--> cell --.cell_contents--> Held        (a cell variable of a running frame)
"""
import _target


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
    _target.dump(on_finished=ON_FINISHED, payload=ON_FINISHED.__closure__[0].cell_contents,
                 nested=NESTED, config=NESTED.__closure__[0].cell_contents, held=held,
                 use=use, frame=__import__("sys")._getframe())


main()
