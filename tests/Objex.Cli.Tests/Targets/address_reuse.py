"""Addresses freed between two dumps and taken by objects of another type, or of the same type and another size.

    python address_reuse.py a.db b.db      (python/objex must be importable)

    module app ──.OLD──▶ list ──[i]──▶ Old          (1,000 at the first dump; freed before the second)
    module app ──.NEW──▶ list ──[i]──▶ New          (1,000 at the second: the same size as Old, another type)
    module app ──.BLOBS──▶ list ──[i]──▶ Blob       (1,000 Blobs of 100 bytes at the first dump, all freed, then
                                                      1,000 of 104 bytes at the second: one type, another size)

pymalloc hands a freed block of a size class to the next object of that class, so the new objects sit where
the freed ones were; b.db.facts.json says how many (the test needs some, or it tests nothing). A diff that
matched objects by address alone would call them survivors; none is one.
"""
import json
import sys
import types

import objex

app = types.ModuleType("app")
sys.modules["app"] = app

exec(
    "class Old:\n"
    "    __slots__ = ('n',)\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "class New:\n"
    "    __slots__ = ('n',)\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "class Blob(bytes):\n"
    "    __slots__ = ()\n",
    app.__dict__,
)

SMALL = bytes(100)
LARGER = bytes(104)
app.OLD = [app.Old(n) for n in range(1000)]
app.BLOBS = [app.Blob(SMALL) for n in range(1000)]


def main(first, second):
    objex.dump_graph(first)
    old_ids = {id(o) for o in app.OLD}
    blob_ids = {id(b) for b in app.BLOBS}
    app.OLD = None
    app.BLOBS = None
    app.NEW = [app.New(n) for n in range(1000)]
    app.BLOBS = [app.Blob(LARGER) for n in range(1000)]
    objex.dump_graph(second)
    facts = {
        "new_at_old_addresses": sum(id(o) in old_ids for o in app.NEW),
        "larger_blobs_at_old_addresses": sum(id(b) in blob_ids for b in app.BLOBS),
    }
    with open(second + ".facts.json", "w") as f:
        json.dump(facts, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
