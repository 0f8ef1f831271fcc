"""Shape: a leak whose bytes live in C buffers (issue 18): a logging handler added
per upload, each writing into an io.StringIO.

    logging.getLogger("uploads").handlers (list) --> 200 x StreamHandler --.stream--> StringIO
      half only written to (accumulating: 3.12+ a string being built, up to 3.11 lists
      of pieces), half also seeked (realized: a UCS4 buffer)

After the dump the handlers are removed; tracemalloc (started first) tells the bytes
that freed, written to the facts file beside the handlers list's address.
"""
import gc
import logging
import tracemalloc

tracemalloc.start()

import _target  # noqa: E402  (puts the repo's python/ on sys.path)

log = logging.getLogger("uploads")
log.propagate = False
for i in range(200):
    stream = __import__("io").StringIO()
    log.addHandler(logging.StreamHandler(stream))
    for j in range(40):
        stream.write("upload %d chunk %d: %s\n" % (i, j, "é" * 1000 if i % 3 == 0 else "x" * 1000))
    if i % 2:
        stream.seek(0)
        stream.read(10)
handlers = log.handlers
gc.collect()
_target.dump(handlers=handlers)
gc.collect()
before = tracemalloc.get_traced_memory()[0]
del handlers[:]
gc.collect()
freed = before - tracemalloc.get_traced_memory()[0]
_target.add_facts(freed=freed)
