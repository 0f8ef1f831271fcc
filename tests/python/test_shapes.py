"""Label checks on small known heap shapes: each target in tests/targets/ builds one
shape (drawn in its header comment), dumps itself, and these tests read the dump."""

import sys
import unittest

from .support import TargetTest, run_target

PY311 = sys.version_info >= (3, 11)


class ShapeTests(TargetTest):
    def module_dict(self, d, module_name):
        """The dense id of the dict of the module named ``module_name``."""
        mod = d.one("SELECT object FROM module WHERE name = ?", module_name)
        self.assertIsNotNone(mod, "module %s not in the module table" % module_name)
        dicts = [dst for dst, tn, label, _ in d.referents(mod) if label == ".__dict__"]
        self.assertEqual(len(dicts), 1, d.referents(mod))
        return mod, dicts[0]

    def assertAttribute(self, d, obj, name, value):
        """obj.name is value: on 3.11+ an inline value (``obj --.name--> value``),
        up to 3.10 through the instance dict (``obj --.__dict__--> dict --@'name'--> value``)."""
        if PY311:
            self.assertEdge(d, obj, value, "." + name)
            return
        dicts = [dst for dst, _, label, _ in d.referents(obj) if label == ".__dict__"]
        self.assertEqual(len(dicts), 1, d.referents(obj))
        self.assertEntry(d, dicts[0], name, value)

    def assertEntry(self, d, dict_id, key, value_id):
        labels = d.labels_between(dict_id, value_id)
        self.assertTrue(set(labels) & set(d.key_label(key)),
                        "no @<key %r> edge from dict %d to %d: %r" % (key, dict_id, value_id, labels))

    def test_list_held_by_module_global(self):
        d = run_target(self, "module_global_list")
        _, md = self.module_dict(d, "__main__")
        leak, first = d.oid("leak"), d.oid("first")
        self.assertEntry(d, md, "LEAK", leak)
        self.assertEdge(d, leak, first, "0")
        self.assertEqual(d.type_name(leak), "list")
        self.assertEqual(d.one("SELECT len FROM object WHERE id = ?", leak), 3)
        # the dict entry also records the edge to its key object
        key_ids = [int(k[1:]) for k in d.key_label("LEAK")]
        self.assertTrue(any("<key>" in d.labels_between(md, k) for k in key_ids))

    def test_object_held_by_two_modules(self):
        d = run_target(self, "two_modules")
        shared = d.oid("shared")
        for name in ("alpha", "beta"):
            _, md = self.module_dict(d, name)
            self.assertEntry(d, md, "SHARED", shared)

    def test_weakly_held_object(self):
        d = run_target(self, "weakly_held")
        target = d.oid("target")
        self.assertEdge(d, d.oid("ref"), target, "()", kind=1)
        self.assertEdge(d, d.oid("proxy"), target, "()", kind=1)
        weak_sources = [tn for s, tn, label, kind in d.referrers(target) if kind == 1]
        self.assertIn("KeyedRef", weak_sources)
        strong = [(tn, label) for s, tn, label, kind in d.referrers(target) if kind == 0]
        self.assertIn(("list", "0"), strong)

    def test_unreachable_cycle(self):
        d = run_target(self, "unreachable_cycle")
        a, b = d.oid("a"), d.oid("b")
        for x, y in ((a, b), (b, a)):
            self.assertAttribute(d, x, "other", y)
            self.assertEqual(d.one("SELECT in_gc_objects FROM object WHERE id = ?", x), 1)
            # nothing but the other node (or its dict) refers to a node
            srcs = [tn for s, tn, _, _ in d.referrers(x)]
            self.assertEqual(srcs, ["Node" if PY311 else "dict"])

    def test_function_referenced_from_three_modules(self):
        d = run_target(self, "function_three_modules")
        handler = d.oid("handler")
        for name in ("m1", "m2", "m3"):
            _, md = self.module_dict(d, name)
            self.assertEntry(d, md, "handler", handler)
        self.assertEqual(d.one("SELECT func_name FROM function WHERE object = ?", handler), "handler")

    def test_frame_local(self):
        d = run_target(self, "frame_local")
        precious = d.oid("precious")
        frames = [s for s, tn, label, kind in d.referrers(precious)
                  if tn == "frame" and label == ".locals['precious']"]
        self.assertEqual(len(frames), 1, d.referrers(precious))
        trace = d.one("SELECT trace FROM pyframe WHERE object = ?", frames[0])
        self.assertIn("in work", trace)
        self.assertIn("_target.dump(precious=precious, work=work)", trace)
        # the frame is on the main thread's stack: its top frame (_target.dump) leads there
        main_top = d.one("SELECT stack_obj_id FROM thread WHERE is_main = 1")
        self.assertEdge(d, main_top, frames[0], ".f_back")
        # a dict holding the local (the keyword arguments of _target.dump) has a referrer
        for s, tn, label, _ in d.referrers(precious):
            if tn == "dict":
                self.assertTrue(d.referrers(s), "dict %d holds 'precious' and has no referrer" % s)
        # reading the locals made no locals dict (up to 3.12 f_locals would have left one
        # on the frame, keeping every local alive after the code drops it)
        own = [dst for dst, tn, label, _ in d.referents(frames[0]) if label == ".f_locals"]
        self.assertEqual(own, [], d.referents(frames[0]))

    def test_namespace_references(self):
        d = run_target(self, "frame_local")
        _, md = self.module_dict(d, "__main__")
        # a function's globals: a namespace edge (kind 2), not a strong path edge
        self.assertEdge(d, d.oid("work"), md, ".__globals__", kind=2)
        # the running module-level frame reaches its globals by .f_globals (kind 2) only
        module_frames = d.sql("SELECT f.object FROM pyframe f JOIN pycode c ON c.object = f.f_code_obj_id "
                              "WHERE c.co_name = '<module>' AND f.trace LIKE '%frame_local.py%'")
        self.assertEqual(len(module_frames), 1, d.sql("SELECT trace FROM pyframe"))
        out = d.referents(module_frames[0][0])
        self.assertIn((md, "dict", ".f_globals", 2), out)
        self.assertEqual([x for x in out if x[2].startswith(".locals[")], [])

    def test_thread_with_deep_stack(self):
        d = run_target(self, "deep_thread")
        cargo = d.oid("cargo")
        holders = [s for s, tn, label, _ in d.referrers(cargo) if label == ".locals['cargo']"]
        self.assertEqual(len(holders), 1, d.referrers(cargo))
        row = d.sql("SELECT stack_obj_id, name, is_main FROM thread WHERE name = 'deep-worker'")
        self.assertEqual(len(row), 1, d.sql("SELECT * FROM thread"))
        top, _, is_main = row[0]
        self.assertEqual(is_main, 0)
        # walk f_back from the top frame: 41 descend frames, holder among them
        depth, frame, chain = 0, top, []
        while frame is not None:
            chain.append(frame)
            backs = [dst for dst, _, label, _ in d.referents(frame) if label == ".f_back"]
            frame = backs[0] if backs else None
            depth += 1
        self.assertIn(holders[0], chain)
        descends = [f for f in chain if "in descend" in (d.one("SELECT trace FROM pyframe WHERE object = ?", f) or "")]
        self.assertEqual(len(descends), 41)

    def test_lru_cache(self):
        d = run_target(self, "lru_cache_shape")
        lookup, result = d.oid("lookup"), d.oid("result")
        labels = [label for s, tn, label, _ in d.referrers(result)]
        self.assertTrue(any(label.startswith(".<cache") for label in labels), labels)
        srcs = [s for s, tn, label, _ in d.referrers(result)]
        self.assertIn(lookup, srcs)
        self.assertIn(".<cache>", [label for _, _, label, _ in d.referents(lookup)])

    def test_exception_chain(self):
        d = run_target(self, "exception_chain")
        caught, cause, tb = d.oid("caught"), d.oid("cause"), d.oid("tb")
        self.assertEdge(d, caught, cause, ".__cause__")
        self.assertEdge(d, caught, tb, ".__traceback__")
        self.assertTrue(d.labels_between(caught, cause))
        tb_out = {label for _, _, label, _ in d.referents(tb)}
        self.assertIn(".tb_frame", tb_out)
        self.assertIn(".tb_next", tb_out)
        self.assertIn(".args", {label for _, _, label, _ in d.referents(caught)})
        evidence = d.oid("evidence")
        self.assertIn(".locals['evidence']", [label for _, tn, label, _ in d.referrers(evidence) if tn == "frame"])

    def test_asyncio_task(self):
        d = run_target(self, "asyncio_task")
        task = d.oid("task")
        self.assertEdge(d, task, d.oid("coro"), "._coro")
        self.assertEdge(d, task, d.oid("loop"), "._loop")
        out = {label for _, _, label, _ in d.referents(task)}
        self.assertTrue({"._fut_waiter", "._context", "._name"} <= out, out)
        # pygen: the suspended coroutine's line (the await in worker), read on 3.11+ without
        # creating its frame, and its def line; the running main() is not suspended (NULL
        # from 3.11, where its line is its frame's).
        lines = {name: (first, line) for name, first, line in d.sql(
            "SELECT c.co_name, g.co_firstlineno, g.lineno FROM pygen g JOIN pycode c ON c.object = g.code_obj_id"
            " WHERE c.co_name IN ('worker', 'main')")}
        self.assertEqual(d.one("SELECT lineno FROM pygen WHERE object = ?", d.oid("coro")), 16)
        self.assertEqual(lines["worker"], (15, 16), lines)
        self.assertEqual(lines["main"], (19, 23 if not PY311 else None), lines)

    def test_bound_method(self):
        d = run_target(self, "bound_method")
        cb = d.oid("callback")
        self.assertEdge(d, cb, d.oid("service"), ".__self__")
        self.assertEdge(d, cb, d.oid("func"), ".__func__")

    def test_partial(self):
        d = run_target(self, "partial_shape")
        job = d.oid("job")
        self.assertEdge(d, job, d.oid("send"), ".func")
        args = [dst for dst, _, label, _ in d.referents(job) if label == ".args"]
        self.assertEqual(len(args), 1)
        self.assertEdge(d, args[0], d.oid("payload"), "0")
        kws = [dst for dst, _, label, _ in d.referents(job) if label == ".keywords"]
        self.assertEqual(len(kws), 1)
        self.assertEntry(d, kws[0], "retries", d.oid("policy"))

    def test_generator(self):
        d = run_target(self, "generator_shape")
        gen, batch = d.oid("gen"), d.oid("batch")
        holders = [(s, tn) for s, tn, label, _ in d.referrers(batch) if label == ".locals['batch']"]
        self.assertTrue(holders, d.referrers(batch))
        if PY311:
            self.assertIn(gen, [s for s, _ in holders])
        else:
            frames = [dst for dst, _, label, _ in d.referents(gen) if label == ".gi_frame"]
            self.assertEqual(len(frames), 1)
            self.assertIn(frames[0], [s for s, _ in holders])

    def test_collections(self):
        d = run_target(self, "collections_shape")
        self.assertEdge(d, d.oid("deque"), d.oid("deque_item"), "1")
        self.assertEntry(d, d.oid("odict"), "k", d.oid("odict_item"))
        self.assertEntry(d, d.oid("ddict"), "k", d.oid("ddict_item"))
        self.assertIn(".default_factory", [label for _, _, label, _ in d.referents(d.oid("ddict"))])
        self.assertEdge(d, d.oid("point"), d.oid("point_item"), ".x")
        self.assertAttribute(d, d.oid("chain"), "maps", d.oid("chain_maps"))


if __name__ == "__main__":
    unittest.main()
