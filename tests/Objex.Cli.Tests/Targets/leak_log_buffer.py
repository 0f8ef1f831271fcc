"""A logging MemoryHandler that never flushes: its buffer keeps every record, then a dump.

    python leak_log_buffer.py out.db      (python/objex must be importable)

    module __main__ ──.handler──▶ MemoryHandler ──.buffer──▶ list ──[i]──▶ LogRecord ──.args──▶ ('x' * 2000,)
    logger 'app' ──.handlers──▶ list ──[0]──▶ the same MemoryHandler      (8,000 records: ~18 MiB)

    `objex suspects`: the holder is the handler, the accumulation point its buffer, holding
    8,000 × logging.LogRecord.
"""
import logging
import logging.handlers
import sys

import objex

log = logging.getLogger("app")
handler = logging.handlers.MemoryHandler(capacity=10**9, flushLevel=logging.CRITICAL + 1)
log.addHandler(handler)
log.setLevel(logging.INFO)
log.propagate = False
for n in range(8_000):
    log.info("request %s", "x" * 2000 + str(n))

if __name__ == "__main__":
    objex.dump_graph(sys.argv[1])
