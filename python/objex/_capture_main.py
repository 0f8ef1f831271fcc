"""Run by ``objex capture -- python app.py args`` in place of the program: starts the
capture thread (_capture), puts ``sys.argv`` and ``sys.path`` as ``python app.py args``
(or ``python -m module args``) would have them, and runs the program as ``__main__``.
The collector's folder is on ``sys.path`` only while objex is imported.

    python _capture_main.py CONFIG.json app.py args...
    python _capture_main.py CONFIG.json -m module args...
"""

import os
import runpy
import sys


def _main():
    config, program = sys.argv[1], sys.argv[2:]
    collector_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path[0] = collector_dir
    from objex import _capture
    _capture.start(config)
    if program[0] == "-m":
        sys.argv = [program[1]] + program[2:]
        sys.path[0] = os.getcwd()
        runpy.run_module(program[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = program
        sys.path[0] = os.path.dirname(os.path.abspath(program[0]))
        runpy.run_path(program[0], run_name="__main__")


_main()
