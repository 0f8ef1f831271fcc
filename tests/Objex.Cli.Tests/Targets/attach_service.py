"""A service that never imports objex, for `objex attach`.

    python attach_service.py HEARTBEAT [block]

    <module __main__> --.ORDERS--> list --[0..2999]--> Order --.items--> list
    main thread: a loop that ticks HEARTBEAT (a file: one more line every 20 ms)
    with "block": the main thread waits on a lock with no timeout (it runs no Python
    code until the file HEARTBEAT.release appears and a helper thread releases it)

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
block = len(sys.argv) > 2 and sys.argv[2] == "block"


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
else:
    ready()
    for _ in range(30000):             # 10 minutes at most: a test that forgets it cannot leak it forever
        tick()
        time.sleep(0.02)
