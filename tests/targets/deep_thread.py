"""Shape: a thread blocked 40 calls deep; the deepest frame holds a local.

    thread "deep-worker" --> <frame descend n=0> --.f_back--> ... --.f_back--> <frame run>
                             <frame descend n=0> --.locals['cargo']--> Cargo
"""
import threading

import _target


class Cargo(object):
    pass


ready = threading.Event()
release = threading.Event()
CARGO_ID = []


def descend(n):
    if n:
        return descend(n - 1)
    cargo = Cargo()
    CARGO_ID.append(id(cargo))
    ready.set()
    release.wait()


t = threading.Thread(target=descend, args=(40,), name="deep-worker", daemon=True)
t.start()
ready.wait()
_target.dump(thread=t)
import json, sys  # noqa: E402
facts = json.load(open(sys.argv[1] + ".facts.json"))
facts["cargo"] = CARGO_ID[0]
json.dump(facts, open(sys.argv[1] + ".facts.json", "w"))
release.set()
