"""Shape: a result held only by a functools.lru_cache (a C-level holder).

    <function lookup (lru wrapper)> --.<cache>--> dict (keys -> links)
    <function lookup (lru wrapper)> --.<cache_entry>--> Result
"""
import functools

import _target


class Result(object):
    pass


@functools.lru_cache(maxsize=128)
def lookup(key):
    return Result()


RESULT_ID = id(lookup("k"))
_target.dump(lookup=lookup)
import json, sys  # noqa: E402
facts = json.load(open(sys.argv[1] + ".facts.json"))
facts["result"] = RESULT_ID
json.dump(facts, open(sys.argv[1] + ".facts.json", "w"))
