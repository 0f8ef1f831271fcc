"""Drives the explorer in a pseudo-terminal, as a person at a keyboard would, and prints what the
terminal showed (escape sequences included) so that a test can check the interactive mode.

    python pty_session.py HISTORY_FILE KEYS... -- COMMAND...

Each KEYS argument is typed after the previous screen settled (backslash escapes: \\t Tab, \\r Enter,
\\x04 Ctrl-D). Prints the screen, then a last line "exit <code>" (or "exit none" if it never exited).
"""
import os
import pty
import select
import sys
import time


def main():
    split = sys.argv.index("--")
    history, keys, command = sys.argv[1], sys.argv[2:split], sys.argv[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["OBJEX_HISTORY"] = history
        os.environ["TERM"] = "xterm"
        os.environ.pop("NO_COLOR", None)
        os.execvp(command[0], command)

    screen = bytearray()

    def read_for(seconds):
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                screen.extend(chunk)

    def wait_for(text, seconds):
        end = time.time() + seconds
        while time.time() < end and text not in screen:
            read_for(0.1)

    wait_for(b"objex>", 60)
    for key in keys:
        before = len(screen)
        os.write(fd, key.encode().decode("unicode_escape").encode("latin-1"))
        # Let the editor redraw (and a command answer) before the next key.
        wait_for(b"objex>", 0.3)
        read_for(0.7)
        if len(screen) == before:
            read_for(2)

    code = None
    end = time.time() + 30
    while time.time() < end:
        read_for(0.1)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            break
    sys.stdout.write(screen.decode("utf-8", "replace"))
    sys.stdout.write("\nexit %s\n" % ("none" if code is None else code))


if __name__ == "__main__":
    main()
