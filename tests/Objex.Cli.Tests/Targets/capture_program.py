"""A program run by `objex capture` (it never imports objex): it grows a module-level
list of Session objects, 1,000 every 0.1 s, for 3 s, prints one line and exits with 3.

    <module __main__> --.SESSIONS--> list --[*]--> Session --.blob--> bytes
"""
import sys
import time


class Session(object):
    def __init__(self, i):
        self.i = i
        self.blob = bytes(100)


SESSIONS = []
for step in range(30):
    SESSIONS.extend(Session(i) for i in range(1000))
    time.sleep(0.1)
print("done", len(SESSIONS), " ".join(sys.argv[1:]))
sys.exit(3)
