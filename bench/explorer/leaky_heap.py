"""A real CPython heap of about 1,000,000 objects (460,000 tracked by the gc) for the explorer benchmark:
a module-level cache of 110,000 sessions (each with a dict, a list of tuples and strings) that leaks,
and a worker thread holding 1,000 more in a frame local.

    PYTHONPATH=python python bench/explorer/leaky_heap.py /tmp/real.db
    ./objex make-analysis-db /tmp/real.db /tmp/real.analysis.db
    dotnet run -c Release --project bench/Objex.Bench -- explorer /tmp/real.analysis.db
"""
import sys
import threading
import types

import objex

leaky = types.ModuleType("leaky")
sys.modules["leaky"] = leaky


class Session:
    def __init__(self, i):
        self.user = "user%d" % i
        self.events = [("event", i, j) for j in range(3)]
        self.meta = {"id": i, "tags": ["a", "b"]}


leaky.CACHE = {i: Session(i) for i in range(110_000)}


def worker(release):
    local_sessions = [Session(-k) for k in range(1000)]
    release.wait()
    return local_sessions


if __name__ == "__main__":
    release = threading.Event()
    thread = threading.Thread(target=worker, args=(release,), daemon=True)
    thread.start()
    objex.dump_graph(sys.argv[1])
    release.set()
