using Objex.Snapshot;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>Dominators and root paths of the collector's target programs, dumped by real interpreters and analysed by the real CLI.</summary>
public sealed class KnownShapeTests
{
    public static TheoryData<string> Pythons => ShapeDump.Interpreters();

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_let_a_list_held_by_a_module_global_retain_all_its_items(string python)
    {
        // <module __main__> --.__dict__--> dict --@'LEAK'--> list --0,1,2--> Payload
        using var shape = new ShapeDump("module_global_list", python);
        var snapshot = shape.Snapshot;
        var list = shape["leak"];
        var items = snapshot.OutTargets(list).ToArray();
        var first = shape["first"];

        // LEAK[0] is also a local of the frame that dumps (`first=`), so a thread stack holds it
        // too and only the super-root dominates it; the list alone retains the other two.
        Assert.Equal(3, items.Length);
        Assert.Equal(first, items[0]);
        Assert.Equal(ObjId.SuperRoot, snapshot.ImmediateDominator(first));
        Assert.All(items[1..], item => Assert.Equal(list, snapshot.ImmediateDominator(item)));
        Assert.Equal(snapshot.ShallowSize(list) + items[1..].Sum(snapshot.RetainedSize), snapshot.RetainedSize(list));
        Assert.Equal(snapshot.FindModule("__main__"), snapshot.ModuleTree.Root(list));
    }

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_list_every_object_exactly_once_among_the_dominated_children_of_its_immediate_dominator(string python)
    {
        // The treemap walks the tree down from the super-root: every object must be found there once.
        using var shape = new ShapeDump("module_global_list", python);
        var snapshot = shape.Snapshot;
        var seen = new int[snapshot.ObjectCount];
        var pending = new Stack<ObjId>([ObjId.SuperRoot]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var child in snapshot.DominatedChildren(node))
            {
                Assert.Equal(node, snapshot.ImmediateDominator(child));
                if ((int)child >= 0)
                {
                    seen[(int)child]++;
                }

                pending.Push(child);
            }
        }

        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.Contains(shape["first"], snapshot.DominatedChildren(ObjId.SuperRoot).ToArray());
    }

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_dominate_an_object_held_by_two_modules_by_a_root_not_by_either(string python)
    {
        // <module alpha> --.SHARED--> Shared <--.SHARED-- <module beta>
        using var shape = new ShapeDump("two_modules", python);
        var snapshot = shape.Snapshot;
        var shared = shape["shared"];
        var holders = new[] { shape["alpha"], shape["beta"] };

        var idom = snapshot.ImmediateDominator(shared);
        Assert.True(idom is ObjId.ModulesRoot or ObjId.SuperRoot, $"idom of the shared object is {idom}");
        Assert.DoesNotContain(shape.Dominators(shared), holders.Contains);
        Assert.True(snapshot.ModuleTree.Distance(shared) >= 1);
    }

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_not_let_a_weak_holder_retain_its_referent(string python)
    {
        // HOLDER[0] --> Target <~~()~~ weakref.ref, weakref.proxy, KeyedRef   (~~ weak)
        using var shape = new ShapeDump("weakly_held", python);
        var snapshot = shape.Snapshot;
        var target = shape["target"];
        var weakHolders = snapshot.InEdges(target).ToArray().Where(e => snapshot.KindOf(e) == EdgeKind.Weak).Select(snapshot.EdgeSource).ToList();

        Assert.Contains(shape["ref"], weakHolders);
        Assert.DoesNotContain(shape.Dominators(target), weakHolders.Contains);
        Assert.All(weakHolders, w => Assert.True(snapshot.RetainedSize(w) < snapshot.ShallowSize(w) + snapshot.ShallowSize(target)));
    }

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_put_a_cycle_no_root_reaches_in_the_unreachable_bucket(string python)
    {
        // Node a --.other--> Node b --.other--> Node a      (no other referrer)
        using var shape = new ShapeDump("unreachable_cycle", python);
        var snapshot = shape.Snapshot;
        foreach (var node in new[] { shape["a"], shape["b"] })
        {
            Assert.False(snapshot.ModuleTree.IsReachable(node));
            Assert.False(snapshot.FrameTree.IsReachable(node));
            Assert.Contains(ObjId.UnreachableRoot, shape.Dominators(node));
        }

        // One of the two enters the cycle and dominates the other (directly, or through its __dict__).
        Assert.True(shape.Dominators(shape["a"]).Contains(shape["b"]) || shape.Dominators(shape["b"]).Contains(shape["a"]));
    }

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_not_let_garbage_take_what_it_holds_from_a_live_owner(string python)
    {
        // Node a <--.other--> Node b (garbage) --.live--> LIVE (a module global)
        //                                      --.ns-->   NS <--.__globals__ (namespace)-- f (in a module's list)
        using var shape = new ShapeDump("garbage_holds_live", python);
        var snapshot = shape.Snapshot;
        var garbage = new[] { shape["a"], shape["b"] };
        var (live, ns, f) = (shape["live"], shape["ns"], shape["f"]);

        Assert.DoesNotContain(shape.Dominators(live), garbage.Contains);
        Assert.DoesNotContain(ObjId.UnreachableRoot, shape.Dominators(live));
        Assert.NotEqual(ObjId.SuperRoot, snapshot.ImmediateDominator(live));
        Assert.Contains(f, shape.Dominators(ns));
        Assert.True(snapshot.RetainedSize(f) > 100_000, $"f retains {snapshot.RetainedSize(f)} B");
        Assert.All(garbage, g => Assert.True(snapshot.RetainedSize(g) < 10_000, $"garbage retains {snapshot.RetainedSize(g)} B"));
    }

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_not_make_a_frame_held_only_by_a_traceback_a_root(string python)
    {
        // CAUGHT --.__traceback__--> traceback --.tb_frame--> <frame fail>   (fail() has returned)
        using var shape = new ShapeDump("exception_chain", python);
        var snapshot = shape.Snapshot;
        using var command = snapshot.Connection.CreateCommand();
        command.CommandText = "SELECT f.object FROM pyframe f JOIN pycode c ON c.object = f.f_code_obj_id WHERE c.co_name = 'fail'";
        var failFrame = (ObjId)(long)command.ExecuteScalar()!;

        Assert.False(snapshot.FrameTree.IsRoot(failFrame));
        Assert.DoesNotContain(failFrame, snapshot.DominatedChildren(ObjId.ThreadStacksRoot).ToArray());
        var path = snapshot.ModuleTree.PathFromRoot(failFrame);
        Assert.Equal(".tb_frame", snapshot.EdgeLabel(path[^1]));
    }
}
