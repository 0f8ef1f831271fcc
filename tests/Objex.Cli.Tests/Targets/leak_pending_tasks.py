"""An asyncio service that keeps its tasks in a set and never removes them, beside a cache that churns.

    python leak_pending_tasks.py a.db b.db      (python/objex must be importable)

    module app ──.PENDING──▶ set ──*──▶ _asyncio.Task ──result──▶ Reply ──.body──▶ bytes (600)
                   (40 Tasks at the first dump, 540 at the second: done long ago, still in the set
                    because nothing calls PENDING.discard: a leak)
    module app ──.SESSIONS──▶ dict ──['s-i']──▶ Session ──.token──▶ bytes (800)
                   (150 entries at both dumps, every one replaced between them: churn, not growth)

Both dumps are taken inside the running event loop, as a service would take them.
"""
import asyncio
import sys
import types

import objex

app = types.ModuleType("app")
sys.modules["app"] = app

exec(
    "class Reply:\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "        self.body = bytes(600)\n"
    "class Session:\n"
    "    def __init__(self, n):\n"
    "        self.token = bytes(800)\n",
    app.__dict__,
)

app.PENDING = set()
app.SESSIONS = {}


async def handle(n):
    await asyncio.sleep(0)
    return app.Reply(n)


async def serve(first, count):
    for n in range(first, first + count):
        task = asyncio.get_running_loop().create_task(handle(n))
        app.PENDING.add(task)  # the bug: no task.add_done_callback(app.PENDING.discard)
    # wait, not gather: a gather's list of results would still hold the replies while the dump runs.
    await asyncio.wait(list(app.PENDING))


def refresh_sessions():
    # The new entries are made before the old ones go (see leak_three_dumps.py: no same-type address reuse).
    sessions = [app.Session(n) for n in range(150)]
    for n, session in enumerate(sessions):
        app.SESSIONS["s-%d" % n] = session


async def main(first, second):
    await serve(0, 40)
    refresh_sessions()
    objex.dump_graph(first)
    refresh_sessions()
    await serve(40, 500)
    objex.dump_graph(second)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
