"""Shape: a process that has imported much of the standard library and used a little
of it (no program objects of its own beyond what those modules keep).

    sys.modules --> json, re (compiled patterns), decimal, datetime, pathlib, collections,
                    dataclasses, enum, typing, argparse, email, http.client, urllib, ...
"""
import argparse
import collections
import dataclasses
import datetime
import decimal
import email.message
import enum
import fractions
import functools
import http.client
import json
import pathlib
import re
import typing
import urllib.parse
import uuid

import _target


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Colour(enum.Enum):
    RED = 1
    GREEN = 2


PARSER = argparse.ArgumentParser(prog="demo")
PARSER.add_argument("--count", type=int, default=3)
ARGS = PARSER.parse_args(["--count", "5"])
PATTERNS = [re.compile(r"\d+(\.\d+)?"), re.compile(r"[a-z]+@[a-z]+\.org")]
MSG = email.message.EmailMessage()
MSG["Subject"] = "hello"
VALUES = [json.loads('{"a": [1, 2, 3]}'), decimal.Decimal("1.10"), fractions.Fraction(3, 4),
          datetime.datetime(2026, 1, 2), pathlib.PurePosixPath("/tmp/x"), uuid.UUID(int=5),
          urllib.parse.urlparse("http://example.org/a?b=c"), Point(1, 2), Colour.RED,
          collections.Counter("hello"), typing.List[int], functools.partial(max, 1)]
_target.dump(values=VALUES, parser=PARSER)
