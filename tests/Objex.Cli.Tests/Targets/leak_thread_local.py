"""A worker thread holding a big batch in a local while it waits, then a dump taken by the main thread.

    python leak_thread_local.py out.db      (python/objex must be importable)

    thread "batcher" ── frame hold_batch ──.locals['batch']──▶ list ──[i]──▶ Job ──.blob──▶ bytes(2000)
                                                                        (15,000 Jobs: ~33 MiB, no module reaches them)

    `objex suspects` looks through the frame: the first suspect is the list, held from thread stacks, with
    the thread, the frame and the local that hold it.
"""
import sys
import threading

import objex


class Job:
    def __init__(self, n):
        self.n = n
        self.blob = bytes(2000) + n.to_bytes(4, "little")


ready = threading.Event()
done = threading.Event()


def hold_batch():
    batch = [Job(n) for n in range(15_000)]
    ready.set()
    done.wait()
    return len(batch)


if __name__ == "__main__":
    worker = threading.Thread(target=hold_batch, name="batcher")
    worker.start()
    ready.wait()
    try:
        objex.dump_graph(sys.argv[1])
    finally:
        done.set()
        worker.join()
