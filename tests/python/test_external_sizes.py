"""Memory held in C buffers counts (issue 18): io.StringIO's text is outside what
__sizeof__ reports; the dump adds it, so what a holder retains in the dump is what
removing it frees, as tracemalloc measures in the dumped process."""

import sys
import unittest

from .support import TargetTest, run_target


def retained(d, root):
    """The bytes of what only ``root`` keeps alive, from the dump's strong edges:
    grow the set by every object all of whose strong referrers are already in it."""
    referrers = {}
    referents = {}
    for src, dst in d.sql("SELECT src, dst FROM reference WHERE kind = 0 AND src != dst"):
        referrers.setdefault(dst, set()).add(src)
        referents.setdefault(src, set()).add(dst)
    kept, frontier = {root}, [root]
    while frontier:
        nxt = []
        for o in frontier:
            for r in referents.get(o, ()):
                if r not in kept and referrers[r] <= kept:
                    kept.add(r)
                    nxt.append(r)
        frontier = nxt
    sizes = dict(d.sql("SELECT id, size FROM object"))
    return sum(sizes[o] for o in kept)


class ExternalSizeTests(TargetTest):
    def test_stringio_handlers_retain_what_removing_them_frees(self):
        d = run_target(self, "stringio_handlers")
        freed = d.facts["freed"]
        self.assertGreater(freed, 200 * 40 * 1000)        # the text itself, at least
        got = retained(d, d.oid("handlers"))
        self.assertTrue(0.9 * freed <= got <= 1.1 * freed,
                        "the handlers list retains %d bytes in the dump; removing it freed %d "
                        "(Python %s)" % (got, freed, sys.version.split()[0]))


if __name__ == "__main__":
    unittest.main()
