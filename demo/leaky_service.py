"""A small request-handling service with a memory leak, for the objex demo.

Every handled request is appended to an audit log that nobody ever trims, so each
request's parsed payload stays alive. A background worker thread and an lru_cache
make the heap look like a real service's.

    AUDIT (module global)                    _render (lru_cache)
      └─ AuditLog.entries: list                └─ cache: 256 rendered pages
           └─ RequestRecord ×N
                ├─ .request  -> Request(.headers dict, .body bytes ~2 KB)
                └─ .response -> str

Run: python demo/leaky_service.py dump.db [requests]
"""
import functools
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import objex  # noqa: E402


class Request:
    def __init__(self, path, headers, body):
        self.path = path
        self.headers = headers
        self.body = body


class RequestRecord:
    def __init__(self, request, response):
        self.request = request
        self.response = response


class AuditLog:
    """Keeps every request 'for debugging' and never trims: the leak."""

    def __init__(self):
        self.entries = []

    def record(self, request, response):
        self.entries.append(RequestRecord(request, response))


AUDIT = AuditLog()


@functools.lru_cache(maxsize=256)
def _render(page):
    return "<html><body>page %d</body></html>" % page


def handle(i):
    request = Request("/page/%d" % (i % 500), {"user-agent": "demo", "x-request-id": str(i)},
                      os.urandom(2048))
    response = _render(i % 500)
    AUDIT.record(request, response)
    return response


def background_worker(stop):
    pending = [b"job-%d" % n for n in range(100)]
    stop.wait()
    return pending


def main():
    path = sys.argv[1]
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    stop = threading.Event()
    worker = threading.Thread(target=background_worker, args=(stop,), name="worker", daemon=True)
    worker.start()
    for i in range(requests):
        handle(i)
    # Fork a child that writes the dump while this process keeps serving.
    pid = objex.spawn_dump(path)
    objex.wait_dump(pid)
    stop.set()
    print("leaky_service: handled %d requests, dump written to %s" % (requests, path))


if __name__ == "__main__":
    main()
