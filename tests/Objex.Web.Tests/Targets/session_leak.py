"""A heap with one obvious leak, for the web UI's tests: a registry in a module global keeps every
session it ever saw, each holding a payload of 8 KiB to 8.6 KiB (sizes differ, so ranking the sessions
by retained size is a real order). The leak dwarfs the interpreter's own heap, so
it is the largest retainer and every step down the dominator tree leads to it.

    <module __main__>.REGISTRY ──▶ SessionRegistry
        .sessions ──▶ list ──[0..2999]──▶ LeakedSession ×3000
                                             .user    ──▶ str 'user-N'
                                             .payload ──▶ bytes (8,192 + 64 × (N % 10) B)
    a frame local keeps one session too:  main().locals['last']

    <module __main__>.TOKEN ──▶ Token ◀── 2,500 lists [TOKEN] and 400 tuples (TOKEN, n) in HOLDERS:
                                          an object with many referrers of two types

    <module __main__>.CACHE ──▶ dict ──['sess-N']──▶ CachedSession ×2000 ──.items──▶ [N, 'N']
                                  (and its 2,000 str keys): many small children, the typical leak shape

Run: python session_leak.py REPO/python out.db
"""
import os
import sys

sys.path.insert(0, sys.argv[1])
import objex  # noqa: E402


class LeakedSession:
    def __init__(self, n):
        self.user = "user-%d" % n
        self.payload = bytes(8192 + 64 * (n % 10))


class SessionRegistry:
    def __init__(self):
        self.sessions = []


REGISTRY = SessionRegistry()


class CachedSession:
    def __init__(self, n):
        self.items = [n, str(n)]


CACHE = {"sess-%d" % n: CachedSession(n) for n in range(2000)}


class Token:
    pass


TOKEN = Token()
HOLDERS = [[TOKEN] for _ in range(2500)] + [(TOKEN, n) for n in range(400)]


def main(path):
    last = None
    for n in range(3000):
        last = LeakedSession(n)
        REGISTRY.sessions.append(last)
    objex.dump_graph(path)
    return last


if __name__ == "__main__":
    main(sys.argv[2])
