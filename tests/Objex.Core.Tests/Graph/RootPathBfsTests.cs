using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Core.Tests.Graph;

public sealed class RootPathBfsTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Should_give_shortest_distances_and_parents_over_strong_path_edges_only(int seed)
    {
        foreach (var c in RandomGraphs.Many(300, seed))
        {
            var graph = GraphBuilder.Build(c.N, c.Edges, c.Sizes);
            var (parent, distance) = RootPathBfs.Run(graph, Ids.Of(c.Modules), CancellationToken.None);
            var expected = BruteForce.ShortestDistances(c.N, c.Edges, c.Modules);
            Assert.Equal(expected, distance);
            for (var v = 0; v < c.N; v++)
            {
                if (distance[v] <= 0)
                {
                    Assert.Equal(EdgeId.None, parent[v]);
                    continue;
                }

                // The parent edge is a strong path edge into v from a node one step closer.
                var e = (int)parent[v];
                Assert.Equal((ObjId)v, graph.FwdTargets[e]);
                Assert.Equal(0, graph.EdgeKind[e]);
                var source = Array.FindLastIndex(graph.FwdOffsets, o => o <= e);
                Assert.Equal(distance[v] - 1, distance[source]);
            }
        }
    }

    [Fact]
    public void Should_not_walk_the_frame_tree_through_a_module()
    {
        // frame 0 ─local→ module 1 ─→ its global 2 ; frame 0 ─local→ 3
        var graph = GraphBuilder.Build(4, [(0, 1, 0), (1, 2, 0), (0, 3, 0)]);
        graph.ObjKind[1] = (byte)Objex.Snapshot.ObjKind.Module;
        var (_, distance) = RootPathBfs.Run(graph, Ids.Of(0), CancellationToken.None, throughModules: false);
        Assert.Equal([0, 1, -1, 1], distance);
        var (_, everything) = RootPathBfs.Run(graph, Ids.Of(0), CancellationToken.None);
        Assert.Equal([0, 1, 2, 1], everything);
    }
}
