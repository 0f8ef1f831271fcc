"""``objex capture``'s side inside the program: a daemon thread that dumps the process
when the command's conditions hold (after some seconds, once RSS passes a size, every
N seconds), each dump written by a detached child (_attach.detached_dump) so the
program pauses only for the stack capture and the fork.

The conditions come as a JSON file: {"pattern": ".../app-{n}.db", "status": prefix,
"after": s | null, "rss_above": bytes | null, "every": s | null, "count": n}.
Dump n is written to the pattern with {n} replaced; its progress to
``<status>-<n>.started.json`` / ``.done.json``.
"""

import json
import os
import threading
import time

from . import _attach, _rss


def start(config_path):
    with open(config_path) as f:
        config = json.load(f)
    thread = threading.Thread(target=_run, args=(config,), name="objex-capture", daemon=True)
    thread.start()
    return thread


def _run(config):
    began = time.monotonic()
    n = 0
    pending = []
    if config.get("after") is not None:
        pending.append(began + config["after"])
    every, count = config.get("every"), config.get("count") or 1
    if every is not None:
        pending.extend(began + every * (k + 1) for k in range(count))
    rss_above = config.get("rss_above")
    while pending or rss_above is not None:
        now = time.monotonic()
        due = bool(pending) and pending[0] <= now
        if due:
            pending.pop(0)
        elif rss_above is not None and (_rss.current_rss_bytes() or 0) > rss_above:
            rss_above = None                  # once: the size that made the user ask
            due = True
        if due:
            n += 1
            _dump(config, n, time.monotonic() - began)
            continue
        wait = 0.2 if rss_above is not None else pending[0] - now
        time.sleep(max(0.0, min(wait, 0.2)))


def _dump(config, n, elapsed):
    path = config["pattern"].replace("{n}", str(n))
    status = "%s-%d" % (config["status"], n)
    info = {"n": n, "path": path, "after_s": elapsed, "rss": _rss.current_rss_bytes()}
    try:
        info["paused_s"] = _attach.detached_dump(path, status, config.get("max_memory"))
    except BaseException as e:
        info["error"] = "%s: %s" % (type(e).__name__, e)
    try:
        _attach._write_json(status + ".started.json", info)
    except OSError:
        pass
