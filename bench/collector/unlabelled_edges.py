"""Count the references the collector could not label (`<unlabelled>`), by the type of
the object they come from, on real heaps: the targets in tests/targets run in a real
interpreter, dumped, and read back with plain SQL.

    python3 bench/collector/unlabelled_edges.py [--top N] [--markdown] [HEAP ...]

A HEAP is a target name (flask_app, asyncio_task, sympy_algebra, logging_setup,
stdlib_imports: the default set) or ``target@/path/to/python`` to choose the
interpreter; flask_app and sympy_algebra default to Debian's /usr/bin/python3
(python3-flask, python3-sympy). Prints, per heap, all edges, the unlabelled ones and
their share, then the source types with the most unlabelled edges (docs/dump-format.md
keeps the table this prints with --markdown).
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TARGETS = os.path.join(REPO, "tests", "targets")
SYSTEM_PYTHON = "/usr/bin/python3"
DEFAULT_HEAPS = ("flask_app@" + SYSTEM_PYTHON, "asyncio_task", "sympy_algebra@" + SYSTEM_PYTHON,
                 "logging_setup", "stdlib_imports")


def dump(target, python, directory):
    path = os.path.join(directory, target + ".db")
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "python"))
    subprocess.run([python, os.path.join(TARGETS, target + ".py"), path], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return path


def count(path, top):
    db = sqlite3.connect(path)
    try:
        total = db.execute("SELECT count(*) FROM reference").fetchone()[0]
        by_type = db.execute(
            "SELECT coalesce(m.name || '.', '') || coalesce(p.qualname, p.name), count(*) AS n "
            "FROM reference r JOIN object o ON o.id = r.src JOIN pytype p ON p.object = o.pytype "
            "LEFT JOIN module m ON m.object = p.module AND m.name NOT IN ('builtins') "
            "WHERE r.ref = '<unlabelled>' GROUP BY 1 ORDER BY n DESC").fetchall()
    finally:
        db.close()
    return total, sum(n for _, n in by_type), by_type[:top]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("heaps", nargs="*", default=DEFAULT_HEAPS)
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--markdown", action="store_true", help="one table row per heap")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="objex-unlabelled-") as tmp:
        for heap in args.heaps:
            target, _, python = heap.partition("@")
            python = python or sys.executable
            try:
                path = dump(target, python, tmp)
            except subprocess.CalledProcessError as e:
                print("%s: the target failed (exit %d) under %s" % (target, e.returncode, python))
                continue
            total, unlabelled, by_type = count(path, args.top)
            version = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                                     stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
            share = 100.0 * unlabelled / total if total else 0.0
            if args.markdown:
                kinds = ", ".join("%s %d" % (name, n) for name, n in by_type) or "—"
                print("| %s (%s) | %d | %d | %.3f%% | %s |" % (target, version, total, unlabelled, share, kinds))
            else:
                print("%s (Python %s): %d edges, %d unlabelled (%.3f%%)" % (target, version, total, unlabelled, share))
                for name, n in by_type:
                    print("  %8d  %s" % (n, name))


if __name__ == "__main__":
    main(sys.argv[1:])
