"""Shape: a heap whose dump needs far more than a small max_memory.

    module __main__ --.rows--> list --[i]--> 300,000 x dict {"k": int, "v": str, "t": [i]}

``python max_memory.py out.db spawn|inprocess``: dumps with max_memory=24 MiB (which
must stop the dump), then checks the program is as it was and dumps again without a
limit; writes out.db.outcome.json: what the limited dump raised, whether anything was
at the path or beside it afterwards, the heap's size after, whether gc was enabled.
"""
import gc
import json
import os
import sys

import _target

objex = _target.objex
rows = [{"k": i, "v": str(i), "t": [i]} for i in range(300000)]
path = sys.argv[1]
outcome = {}
try:
    if sys.argv[2] == "spawn":
        objex.wait_dump(objex.spawn_dump(path, max_memory=24 << 20))
    else:
        objex.dump_graph(path, max_memory=24 << 20)
    outcome["raised"] = None
except objex.DumpMemoryLimitError as e:
    outcome["raised"] = str(e)
outcome["left"] = sorted(os.listdir(os.path.dirname(os.path.abspath(path))))
outcome["rows"] = len(rows)
outcome["gc_enabled"] = gc.isenabled()
with open(path + ".outcome.json", "w") as f:
    json.dump(outcome, f)
objex.wait_dump(objex.spawn_dump(path)) if sys.argv[2] == "spawn" else objex.dump_graph(path)
