using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Core.Tests.Graph;

public sealed class DominatorTreeTests
{
    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Should_find_the_dominator_the_definition_gives_on_random_graphs(int seed)
    {
        foreach (var c in RandomGraphs.Many(200, seed))
        {
            var graph = GraphBuilder.Build(c.N, c.Edges, c.Sizes);
            var tree = Dominators.Of(graph, c.Modules, c.Frames, c.Unseen);
            var brute = new BruteForce(c.N, c.Edges, c.Modules, c.Frames, c.Unseen);
            var dominatorSets = Enumerable.Range(0, c.N + 5).Select(v => DominatorsOf(brute, v, c.N)).ToArray();
            for (var v = 0; v < c.N; v++)
            {
                // The immediate dominator is the dominator of v that every other dominator of v dominates.
                var expected = dominatorSets[v].MaxBy(d => dominatorSets[d].Count);
                Assert.True(
                    Virtual(expected, c.N) == tree.Idom[v],
                    $"seed {seed}, n={c.N}, node {v}: idom {tree.Idom[v]}, definition says {Virtual(expected, c.N)}; edges {string.Join(" ", c.Edges)}; modules {string.Join(",", c.Modules)}; frames {string.Join(",", c.Frames)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Should_retain_exactly_what_becomes_unreachable_without_the_object(int seed)
    {
        foreach (var c in RandomGraphs.Many(200, seed))
        {
            var graph = GraphBuilder.Build(c.N, c.Edges, c.Sizes);
            var tree = Dominators.Of(graph, c.Modules, c.Frames, c.Unseen);
            var brute = new BruteForce(c.N, c.Edges, c.Modules, c.Frames, c.Unseen);
            for (var v = 0; v < c.N; v++)
            {
                var stillReached = brute.Reachable(v);
                var freed = Enumerable.Range(0, c.N).Where(x => !stillReached[x]).Sum(x => c.Sizes[x]);
                Assert.Equal(freed, tree.Retained[v]);
            }

            Assert.Equal(c.Sizes.Sum(), tree.VirtualRetained[0]);
            foreach (var (bucket, index) in new[] { (brute.H, 4), (brute.U, 3) })
            {
                var stillReached = brute.Reachable(bucket);
                var freed = Enumerable.Range(0, c.N).Where(x => !stillReached[x]).ToList();
                Assert.Equal(freed.Sum(x => c.Sizes[x]), tree.VirtualRetained[index]);
                Assert.Equal(freed.Count, index == 4 ? tree.HeldFromCCount : tree.UnreachableCount);
            }
        }
    }

    [Fact]
    public void Should_not_let_a_weak_reference_retain()
    {
        // module 0 ─strong→ holder 1 ─weak→ 2 ; 2 is held by nothing else
        var edges = new List<(int, int, byte)> { (0, 1, 0), (1, 2, 1) };
        var graph = GraphBuilder.Build(3, edges, [10, 20, 30]);
        var tree = Dominators.Of(graph, [0], []);
        Assert.Equal(20, tree.Retained[1]);
        Assert.Equal(ObjId.UnreachableRoot, tree.Idom[2]);
    }

    [Fact]
    public void Should_credit_a_module_with_its_globals_that_a_frame_and_a_function_also_reach()
    {
        // module 0 ─strong→ its dict 1 ─strong→ list 2 ; frame 3 ─f_globals (kind 2)→ 1 ;
        // function 4 (held by frame 3) ─__globals__ (kind 2)→ 1
        var edges = new List<(int, int, byte)> { (0, 1, 0), (1, 2, 0), (3, 1, 2), (3, 4, 0), (4, 1, 2) };
        var graph = GraphBuilder.Build(5, edges, [10, 20, 30, 40, 50]);
        var tree = Dominators.Of(graph, [0], [3]);
        Assert.Equal((ObjId)(0), tree.Idom[1]);
        Assert.Equal((ObjId)(1), tree.Idom[2]);
        Assert.Equal(60, tree.Retained[0]);
        Assert.Equal(90, tree.Retained[3]);
    }

    [Fact]
    public void Should_keep_roots_under_their_buckets_whatever_else_refers_to_them()
    {
        // module 0 ─→ global 1 ; top frame 2 ─f_back→ caller frame 3 ─local→ 4 ;
        // frame 2 ─local→ sys.modules-like dict 5 ─→ module 0
        var edges = new List<(int, int, byte)> { (0, 1, 0), (2, 3, 0), (3, 4, 0), (2, 5, 0), (5, 0, 0) };
        var graph = GraphBuilder.Build(6, edges, [10, 20, 30, 40, 50, 60]);
        var tree = Dominators.Of(graph, [0], [2, 3]);
        Assert.Equal(ObjId.ModulesRoot, tree.Idom[0]);
        Assert.Equal((ObjId)(0), tree.Idom[1]);
        Assert.Equal(30, tree.Retained[0]);
        Assert.Equal(ObjId.ThreadStacksRoot, tree.Idom[3]);
        Assert.Equal(90, tree.Retained[3]);
        Assert.Equal(90, tree.Retained[2]);
    }

    [Fact]
    public void Should_let_a_namespace_edge_retain_globals_no_module_holds()
    {
        // frame 0 (a source) ─f_globals (kind 2)→ dict 1 ─strong→ 2 ; no module holds dict 1
        var edges = new List<(int, int, byte)> { (0, 1, 2), (1, 2, 0) };
        var graph = GraphBuilder.Build(3, edges, [10, 20, 30]);
        var tree = Dominators.Of(graph, [], [0]);
        Assert.Equal((ObjId)(0), tree.Idom[1]);
        Assert.Equal(60, tree.Retained[0]);
    }

    [Fact]
    public void Should_handle_a_million_long_chain_without_recursion()
    {
        const int n = 1_000_000;
        var edges = new List<(int, int, byte)>(n);
        for (var i = 0; i + 1 < n; i++)
        {
            edges.Add((i, i + 1, 0));
        }

        var graph = GraphBuilder.Build(n, edges, Enumerable.Repeat(8L, n).ToArray());
        var tree = Dominators.Of(graph, [0], []);
        Assert.Equal(ObjId.ModulesRoot, tree.Idom[0]);
        Assert.Equal((ObjId)(n - 2), tree.Idom[n - 1]);
        Assert.Equal(8L * n, tree.Retained[0]);
        Assert.Equal(8L, tree.Retained[n - 1]);
        var (_, distance) = RootPathBfs.Run(graph, Ids.Of(0), CancellationToken.None);
        Assert.Equal(n - 1, distance[n - 1]);
        var totals = TypeTotals.Compute(graph, tree);
        Assert.Equal(8L * n, Assert.Single(totals).RetainedBytes);
    }

    [Fact]
    public void Should_handle_a_million_wide_fan()
    {
        const int n = 1_000_001;
        var edges = new List<(int, int, byte)>(n);
        for (var i = 1; i < n; i++)
        {
            edges.Add((0, i, 0));
        }

        var graph = GraphBuilder.Build(n, edges, Enumerable.Repeat(4L, n).ToArray());
        var tree = Dominators.Of(graph, [0], []);
        Assert.Equal((ObjId)(0), tree.Idom[n - 1]);
        Assert.Equal(4L * n, tree.Retained[0]);
        var (parent, distance) = RootPathBfs.Run(graph, Ids.Of(0), CancellationToken.None);
        Assert.Equal(1, distance[n / 2]);
        Assert.Equal((EdgeId)(n - 2), parent[n - 1]);
    }

    [Fact]
    public void Should_put_an_unreachable_cycle_under_the_unreachable_bucket_entered_at_its_lowest_id()
    {
        // module 0 → 1 ; cycle 2 → 3 → 4 → 2 held by nothing ; 5 (nothing holds it) → 3
        var edges = new List<(int, int, byte)> { (0, 1, 0), (2, 3, 0), (3, 4, 0), (4, 2, 0), (5, 3, 0) };
        var graph = GraphBuilder.Build(6, edges, [1, 1, 1, 1, 1, 1]);
        var tree = Dominators.Of(graph, [0], []);
        Assert.Equal(ObjId.UnreachableRoot, tree.Idom[5]);
        Assert.Equal((ObjId)(5), tree.Idom[3]);
        Assert.Equal(4, tree.Retained[5]);
        Assert.Equal(4, tree.UnreachableCount);

        // Without 5 the cycle has no unheld entry: its lowest id enters it.
        var cycleOnly = GraphBuilder.Build(5, edges.Take(4).ToList(), [1, 1, 1, 1, 1]);
        var cycleTree = Dominators.Of(cycleOnly, [0], []);
        Assert.Equal(ObjId.UnreachableRoot, cycleTree.Idom[2]);
        Assert.Equal((ObjId)(2), cycleTree.Idom[3]);
        Assert.Equal(3, cycleTree.Retained[2]);
    }

    [Fact]
    public void Should_put_what_C_holds_under_the_held_from_C_bucket_and_keep_garbage_apart()
    {
        // module 0 → 1 ; tuple 2 (held from C: 1 unseen reference) → payload 3 ; payload 4 (held from C) ;
        // 2 → 4 (4 is held from C itself, so 2 does not dominate it) ; garbage cycle 5 ⇄ 6 → 7
        var edges = new List<(int, int, byte)> { (0, 1, 0), (2, 3, 0), (2, 4, 0), (5, 6, 0), (6, 5, 0), (6, 7, 0) };
        var graph = GraphBuilder.Build(8, edges, [1, 2, 4, 8, 16, 32, 64, 128]);
        var tree = Dominators.Of(graph, [0], [], [0, 0, 1, 0, 1, 0, 0, 0]);
        Assert.Equal(ObjId.HeldFromCRoot, tree.Idom[2]);
        Assert.Equal(ObjId.HeldFromCRoot, tree.Idom[4]);
        Assert.Equal((ObjId)2, tree.Idom[3]);
        Assert.Equal(ObjId.UnreachableRoot, tree.Idom[5]);
        Assert.Equal(4 + 8 + 16, tree.VirtualRetained[VirtualNodes.Index(ObjId.HeldFromCRoot)]);
        Assert.Equal(3, tree.HeldFromCCount);
        Assert.Equal(32 + 64 + 128, tree.VirtualRetained[VirtualNodes.Index(ObjId.UnreachableRoot)]);
        Assert.Equal(3, tree.UnreachableCount);
    }

    private static List<int> DominatorsOf(BruteForce brute, int v, int n)
    {
        var result = new List<int>();
        if (v == brute.S)
        {
            return result;
        }

        for (var x = 0; x < n + 5; x++)
        {
            if (x != v && !brute.Reachable(x)[v])
            {
                result.Add(x);
            }
        }

        return result;
    }

    private static ObjId Virtual(int node, int n) => node < n ? (ObjId)node : node switch
    {
        _ when node == n => ObjId.SuperRoot,
        _ when node == n + 1 => ObjId.ModulesRoot,
        _ when node == n + 2 => ObjId.ThreadStacksRoot,
        _ when node == n + 3 => ObjId.UnreachableRoot,
        _ => ObjId.HeldFromCRoot,
    };
}
