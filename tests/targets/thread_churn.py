"""Shape: a dump while other threads start and end threads all the time.

    ITEMS (list) --[0..29999]--> Item --.tags--> list, --.meta--> dict
    3 churner threads: each starts and joins 4 short threads, again and again

Objects another thread creates, links or drops meanwhile must neither be lost nor
recorded twice (one row per address).
"""
import threading
import time

import _target


class Item(object):
    def __init__(self, i):
        self.i = i
        self.tags = [i, str(i)]
        self.meta = {"k": i}


ITEMS = [Item(i) for i in range(30000)]
stop = threading.Event()


def churner():
    while not stop.is_set():
        threads = [threading.Thread(target=time.sleep, args=(0.001,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


workers = [threading.Thread(target=churner, daemon=True) for _ in range(3)]
for w in workers:
    w.start()
time.sleep(0.2)
_target.allow_fork_with_threads()
_target.dump(items=ITEMS)
stop.set()
