"""A healthy heap: data spread over many small holders, none of them a large share, then a dump.

    python healthy.py out.db      (python/objex must be importable)

    module calm ──.TABLE_0..TABLE_39──▶ list ──[i]──▶ bytes(100)      (40 lists of 200: each ~0.5% of the heap)

    `objex suspects` finds no suspect above the threshold and says so.
"""
import sys
import types

import objex

calm = types.ModuleType("calm")
sys.modules["calm"] = calm
for table in range(40):
    setattr(calm, "TABLE_%d" % table, [bytes(100) + n.to_bytes(4, "little") for n in range(200)])

if __name__ == "__main__":
    objex.dump_graph(sys.argv[1])
