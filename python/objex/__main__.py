"""``python -m objex <args>``: run the objex command-line tool (C#) with the same
arguments, replacing this process so its exit code and terminal pass through.

Where the tool is looked for, in order:
  1. ``$OBJEX_CLI`` (an executable, or a ``.dll`` run with ``dotnet``); when it is set but names
     neither, that is said in one line (exit code 2), and nothing else is tried;
  2. the repo's ``./objex`` launcher, when this package runs from a clone
     (``<package dir>/../../objex``), which builds the tool on first use;
  3. an ``objex`` executable on PATH that is not this package's own script.
"""

import os
import sys

HINT = ("objex: the objex command-line tool was not found (looked at $OBJEX_CLI, the repo's "
        "./objex launcher and PATH); build it with `./objex --help` from the repo root, "
        "or set OBJEX_CLI to its path")


def _is_executable(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _is_own_script(path):
    """A console script generated for this package (it would call us again)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return b"objex.__main__" in head or b"from objex" in head


class BadObjexCli(Exception):
    """$OBJEX_CLI is set but names nothing that can run: said in one line, never silently skipped
    (running another objex than the one asked for would answer with the wrong tool)."""


def _env_cli(env):
    """The command line $OBJEX_CLI names; raises BadObjexCli when it names nothing runnable."""
    if env.endswith(".dll") and os.path.isfile(env):
        return ["dotnet", env]
    if _is_executable(env):
        return [env]
    if not os.path.exists(env):
        problem = "which does not exist"
    elif os.path.isdir(env):
        problem = "which is a directory, not the objex tool"
    else:
        problem = "which is not executable (chmod +x it, or name the tool's objex.dll)"
    raise BadObjexCli("objex: OBJEX_CLI is set to %s, %s; unset it to use the repo's ./objex "
                      "launcher or an objex on PATH" % (env, problem))


def find_cli():
    """The command line that runs the tool (a list), or None; BadObjexCli for a bad $OBJEX_CLI."""
    env = os.environ.get("OBJEX_CLI")
    if env:
        return _env_cli(env)
    package_dir = os.path.dirname(os.path.abspath(__file__))
    launcher = os.path.join(os.path.dirname(os.path.dirname(package_dir)), "objex")
    if _is_executable(launcher):
        return [launcher]
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(directory or ".", "objex")
        if _is_executable(candidate) and not _is_own_script(candidate):
            return [candidate]
    return None


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cli = find_cli()
    except BadObjexCli as e:
        sys.stderr.write("%s\n" % e)
        return 2
    if cli is None:
        sys.stderr.write(HINT + "\n")
        return 2
    command = cli + args
    executable = command[0]
    if executable == "dotnet":
        from shutil import which
        executable = which("dotnet") or "dotnet"
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(executable, command)
    except OSError as e:
        sys.stderr.write("objex: cannot run %s: %s\n" % (executable, e.strerror or e))
        return 2


if __name__ == "__main__":
    sys.exit(main())
