"""What the walk sends the writer: batches of object-row records (_rows) and edge
records, packed as arrays so a message costs little to build and to send.

Edge records (a source's id is its dense id; a referent's may be the key that
stands for a gc snapshot object's, _keys; -1 marks a collector object, whose edge
the writer drops); ``src`` holds one id per source object:
  ("S", src, counts, dst)           lists/tuples: labels "0", "1", ... per source
  ("T", src, counts, dst)           sets: label "*"
  ("D", src, counts, key_ids, value_ids)
                                    dicts (counts: 2 per entry): "<key>" to the key,
                                    "@<key id>" to the value
  ("L", src, layout, dst)           instances: ``layout`` labels each source's referents
  ("X", srcs, dst, labels, kinds)   one source id, label and kind (None: all 0) per edge
"""

from struct import Struct as _Struct

FLUSH = 1 << 14        # records' weight (objects + edges) per message: ~300 kB, so the
                       # 1 MiB pipe holds a few and the walk rarely waits on the writer


def _i(values):
    """4 bytes each, as the writer's ``array("i")`` reads them. (A ``Struct`` packs
    a list ~30% faster than ``array(...)``, which parses a format per item; not
    ``struct.pack``, whose format cache would keep our formats in the process.)"""
    return _Struct("%di" % len(values)).pack(*values)


def _q(values):
    """8 bytes each: referent ids (a gc snapshot object's may be its key, _keys),
    addresses, refcounts, sizes."""
    return _Struct("%dq" % len(values)).pack(*values)


class Out(object):
    def __init__(self, dumpfile):
        self.file = dumpfile
        self.records = []
        self.weight = 0
        self.references = 0

    def begin_objects(self, n_gc):
        self.file.begin_objects(n_gc)

    def _add(self, record, weight):
        self.records.append(record)
        self.weight += weight
        if self.weight >= FLUSH:
            self.flush()

    def flush(self):
        if self.records:
            self.file.batch(self.records)
            self.records = []
            self.weight = 0

    def run(self, record):
        self._add(record, record[2])

    def _count(self, dst):
        n = len(dst)
        self.references += n - (dst.count(-1) if n else 0)
        return n

    def seq(self, src, counts, dst):
        self._add(("S", _i(src), _i(counts), _q(dst)), self._count(dst))

    def members(self, src, counts, dst):
        self._add(("T", _i(src), _i(counts), _q(dst)), self._count(dst))

    def entries(self, src, counts, key_ids, value_ids):
        n = self._count(key_ids) + self._count(value_ids)
        self._add(("D", _i(src), _i(counts), _q(key_ids), _q(value_ids)), n)

    def layout(self, src, layout, dst):
        self._add(("L", _i(src), layout, _q(dst)), self._count(dst))

    def explicit(self, srcs, dst, labels, kinds):
        if kinds is not None and not any(kinds):
            kinds = None
        self._add(("X", _i(srcs), _q(dst), labels,
                   None if kinds is None else bytes(kinds)), self._count(dst))
