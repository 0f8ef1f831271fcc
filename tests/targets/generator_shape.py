"""Shape: a suspended generator whose local holds an object.

    GEN (generator) --.locals['batch']--> Batch              (3.11+: the generator's own referents)
    GEN --.gi_frame--> frame --.locals['batch']--> Batch      (up to 3.10)
"""
import _target


class Batch(object):
    pass


def produce():
    batch = Batch()
    yield 1
    yield batch


GEN = produce()
next(GEN)
BATCH_ID = id(GEN.gi_frame.f_locals["batch"])
_target.dump(gen=GEN)
import json, sys  # noqa: E402
facts = json.load(open(sys.argv[1] + ".facts.json"))
facts["batch"] = BATCH_ID
json.dump(facts, open(sys.argv[1] + ".facts.json", "w"))
