"""Shape: a heap big enough that its dump takes a while; the dumping child is
killed (SIGKILL) as soon as its temporary file appears. Nothing may be at the
dump path afterwards, and wait_dump must name the signal.

    HEAP (list) --> 300,000 x [i, str(i)]

    python atomic_kill.py <dump-path>    (prints one JSON line with what it saw)
"""
import json
import os
import signal
import sys
import time

import _target  # noqa: F401
import objex

HEAP = [[i, str(i)] for i in range(300000)]
path = sys.argv[1]
pid = objex.spawn_dump(path)
directory, name = os.path.split(os.path.abspath(path))
tmp = os.path.join(directory, ".%s.objex-tmp-%d" % (name, pid))
deadline = time.time() + 60
while not os.path.exists(tmp) and time.time() < deadline:
    time.sleep(0.005)
saw_tmp = os.path.exists(tmp)
time.sleep(0.2)
os.kill(pid, signal.SIGKILL)
try:
    objex.wait_dump(pid)
    error = None
except RuntimeError as e:
    error = str(e)
print(json.dumps({"saw_tmp": saw_tmp, "error": error, "exists": os.path.exists(path)}))
