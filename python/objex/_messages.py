"""What the walk sends the writer: batches of object-row records (_rows) and edge
records, packed as arrays so a message costs little to build and to send.

Edge records (ids are dense ids, 4 bytes each; -1 marks a collector object, whose
edge the writer drops); ``src`` holds one id per source object:
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
    """8 bytes each: keys (_keys), refcounts, sizes."""
    return _Struct("%dq" % len(values)).pack(*values)


_NO_EDGE = _i([-1])    # a referent id that marks no edge: the only negative id


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

    def _ids(self, dst):
        """``dst`` packed, counted as references but for the -1s: the packed -1 is
        the only run of four 0xff bytes that starts an element (every other id is
        below 2 ** 31, so its top byte is not 0xff), and bytes.count finds them
        in one C scan where list.count compares each int."""
        packed = _i(dst)
        self.references += len(dst) - packed.count(_NO_EDGE)
        return packed

    def seq(self, src, counts, dst):
        self._add(("S", _i(src), _i(counts), self._ids(dst)), len(dst))

    def members(self, src, counts, dst):
        self._add(("T", _i(src), _i(counts), self._ids(dst)), len(dst))

    def entries(self, src, counts, key_ids, value_ids):
        self._add(("D", _i(src), _i(counts), self._ids(key_ids), self._ids(value_ids)),
                  len(key_ids) + len(value_ids))

    def layout(self, src, layout, dst):
        self._add(("L", _i(src), layout, self._ids(dst)), len(dst))

    def explicit(self, srcs, dst, labels, kinds):
        if kinds is not None and not any(kinds):
            kinds = None
        self._add(("X", _i(srcs), self._ids(dst), labels,
                   None if kinds is None else bytes(kinds)), len(dst))
