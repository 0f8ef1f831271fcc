"""Shared by the target programs: dump this process to the path given on the
command line, and write what the tests need to find their way in the dump.

    python tests/targets/<name>.py <dump-path>

writes <dump-path> and <dump-path>.facts.json ({name: id(object)} of the objects
the shape is about). With OBJEX_SPAWN=1 the dump is spawn_dump's. With
OBJEX_GROUND_TRUTH=<file> set, it also writes the
process's own ground truth, taken just before the dump while holding every object
alive: the addresses gc.get_objects() returns and every gc.get_referents() edge.
"""

import gc
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Not normalised on purpose, as apps often do ("bin/../lib"): the collector must still
# recognise its own frames when their co_filename holds "..".
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))

import objex  # noqa: E402


def allow_fork_with_threads():
    """3.12+ warns when a threaded process forks; the targets fork on purpose."""
    import warnings
    warnings.simplefilter("ignore", DeprecationWarning)


def plain_fork(child=None):
    """Fork as a program does (no objex call around it): the child runs ``child``
    and leaves with os._exit(0); the parent waits for it."""
    pid = os.fork()
    if not pid:
        try:
            if child is not None:
                child()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def add_facts(**facts):
    """Add plain values (not addresses) to the facts file of the dump just written."""
    path = sys.argv[1] + ".facts.json"
    with open(path) as f:
        known = json.load(f)
    known.update(facts)
    with open(path, "w") as f:
        json.dump(known, f)


def _size(o):
    try:
        return sys.getsizeof(o)
    except Exception:
        return None


def dump(**named):
    """Dump this process to sys.argv[1]; ``named`` objects' addresses go to the facts file."""
    path = sys.argv[1]
    with open(path + ".facts.json", "w") as f:
        json.dump({name: id(obj) for name, obj in named.items()}, f)
    truth_path = os.environ.get("OBJEX_GROUND_TRUTH")
    if truth_path:
        held = gc.get_objects()          # kept alive (and so at the same address) during the dump
        edges = [(id(o), [id(r) for r in gc.get_referents(o)]) for o in held]
        objex.dump_graph(path)
        sizes = {}
        for o in held:
            for x in [o] + gc.get_referents(o):
                sizes[id(x)] = _size(x)
        with open(truth_path, "w") as f:
            json.dump({"objects": [id(o) for o in held], "edges": edges,
                       "frames": [id(o) for o in held if type(o).__name__ == "frame"],
                       "sizes": [[a, n] for a, n in sizes.items() if n is not None]}, f)
        del held
    elif os.environ.get("OBJEX_SPAWN") == "1":     # from a forked child, as a service would
        objex.wait_dump(objex.spawn_dump(path))
    else:
        objex.dump_graph(path)
