"""A service that never imports objex, for `objex attach`.

    python attach_service.py HEARTBEAT [block|busy|asyncio]

    <module __main__> --.ORDERS--> list --[0..2999]--> Order --.items--> list
    main thread: a loop that ticks HEARTBEAT (a file: one more line every 20 ms)
    with "block": the main thread waits on a lock with no timeout (it runs no Python
    code until the file HEARTBEAT.release appears and a helper thread releases it);
    with "nap": the main thread sleeps 6 s in one time.sleep, ticks once and exits;
    with "join": a worker thread ticks while the main thread waits in its join()
    with "busy": the main thread computes without pause (a pure-Python loop), ticking
    every 20 ms; with "asyncio": an asyncio server on a loopback port that answers
    each line with a tick, and a task that ticks every 20 ms; with "cext": the main
    thread spends its time in long C calls (hashlib.pbkdf2_hmac, ~0.3 s each), ticking
    between them; with "exit-after-dump": the sleep loop, but the process exits as
    soon as the collector has run in it (objex in sys.modules); with
    "exit-during-dump": a watcher thread kills the process (SIGKILL) as soon as the
    collector starts in it

Writes its pid to HEARTBEAT.ready once ready.
"""
import os
import sys
import threading
import time


class Order(object):
    def __init__(self, i):
        self.number = i
        self.items = [i, i + 1]


ORDERS = [Order(i) for i in range(3000)]
heartbeat = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else "sleep"
block = mode == "block"


def ready():
    with open(heartbeat + ".ready.tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(heartbeat + ".ready.tmp", heartbeat + ".ready")


def tick():
    with open(heartbeat, "a") as f:
        f.write("x\n")


if block:
    gate = threading.Lock()
    gate.acquire()

    def releaser():
        while not os.path.exists(heartbeat + ".release"):
            time.sleep(0.05)
        gate.release()

    threading.Thread(target=releaser, daemon=True).start()
    ready()
    gate.acquire()                     # blocked in C: no bytecode runs meanwhile
    tick()
    time.sleep(2)                      # a pending call queued meanwhile runs now, or never
elif mode == "nap":
    ready()
    time.sleep(6)                      # in C: a pending call queued meanwhile runs after it, or never
    tick()
    time.sleep(1)
elif mode == "join":
    def worker():
        for _ in range(30000):
            tick()
            time.sleep(0.02)

    thread = threading.Thread(target=worker)
    thread.start()
    ready()
    thread.join()
elif mode == "busy":
    ready()
    deadline = time.time() + 600
    mark = time.time()
    total = 0
    while time.time() < deadline:
        for i in range(1000):
            total += i * i % 7
        if time.time() - mark > 0.02:
            tick()
            mark = time.time()
elif mode == "asyncio":
    import asyncio

    async def answer(reader, writer):
        await reader.readline()
        tick()
        writer.write(b"tick\n")
        await writer.drain()
        writer.close()

    async def main():
        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        with open(heartbeat + ".port", "w") as f:
            f.write(str(server.sockets[0].getsockname()[1]))
        ready()
        for _ in range(30000):
            tick()
            await asyncio.sleep(0.02)

    asyncio.run(main())
elif mode == "cext":
    import hashlib
    ready()
    rounds = 20000
    for _ in range(3000):
        started = time.time()
        hashlib.pbkdf2_hmac("sha256", b"password", b"salt", rounds)
        if time.time() - started < 0.3:
            rounds *= 2
        tick()
else:
    if mode == "exit-during-dump":
        import signal

        def killer():
            while "objex" not in sys.modules:
                time.sleep(0.0005)
            os.kill(os.getpid(), signal.SIGKILL)

        threading.Thread(target=killer, daemon=True).start()
    ready()
    for _ in range(30000):             # 10 minutes at most: a test that forgets it cannot leak it forever
        if mode == "exit-after-dump" and "objex" in sys.modules:
            os._exit(0)
        tick()
        time.sleep(0.02)
