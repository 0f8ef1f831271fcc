"""Shape: a stored exception with a cause, a context, args and a traceback.

    CAUGHT (ValueError) --.__cause__--> KeyError --.args--> tuple --0--> str 'inner'
                        --.__context__--> KeyError
                        --.__traceback__--> traceback --.tb_frame--> <frame fail>
                                                      --.tb_next--> traceback
    <frame fail> --.locals['evidence']--> Evidence
"""
import _target


class Evidence(object):
    pass


def fail():
    evidence = Evidence()
    raise ValueError("outer", evidence)


def run():
    try:
        try:
            raise KeyError("inner")
        except KeyError as e:
            try:
                fail()
            except ValueError as v:
                raise v from e
    except ValueError as caught:
        return caught


CAUGHT = run()
_target.dump(caught=CAUGHT, cause=CAUGHT.__cause__, tb=CAUGHT.__traceback__,
             evidence=CAUGHT.args[1])
