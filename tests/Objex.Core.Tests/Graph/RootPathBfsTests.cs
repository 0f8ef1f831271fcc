using Objex.Graph;

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
            var (parent, distance) = RootPathBfs.Run(graph, c.Modules, CancellationToken.None);
            var expected = BruteForce.ShortestDistances(c.N, c.Edges, c.Modules);
            Assert.Equal(expected, distance);
            for (var v = 0; v < c.N; v++)
            {
                if (distance[v] <= 0)
                {
                    Assert.Equal(-1, parent[v]);
                    continue;
                }

                // The parent edge is a strong path edge into v from a node one step closer.
                var e = parent[v];
                Assert.Equal(v, graph.FwdTargets[e]);
                Assert.Equal(0, graph.EdgeKind[e]);
                var source = Array.FindLastIndex(graph.FwdOffsets, o => o <= e);
                Assert.Equal(distance[v] - 1, distance[source]);
            }
        }
    }
}
