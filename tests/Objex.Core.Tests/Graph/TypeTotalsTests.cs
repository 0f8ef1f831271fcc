using Objex.Graph;

namespace Objex.Core.Tests.Graph;

public sealed class TypeTotalsTests
{
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Should_count_each_types_retained_bytes_once_per_outermost_instance(int seed)
    {
        var random = new Random(seed);
        foreach (var c in RandomGraphs.Many(300, seed))
        {
            var types = Enumerable.Range(0, c.N).Select(_ => random.Next(Math.Min(3, c.N))).ToArray();
            var graph = GraphBuilder.Build(c.N, c.Edges, c.Sizes, types);
            var tree = Dominators.Of(graph, c.Modules, c.Frames);

            var totals = TypeTotals.Compute(graph, tree).ToDictionary(t => (int)t.Type);

            // By the definition: instances with no instance of the same type among their dominators.
            foreach (var type in types.Distinct())
            {
                var instances = Enumerable.Range(0, c.N).Where(x => types[x] == type).ToList();
                var outermost = instances.Where(x => !DominatorChain(tree, x).Any(d => types[d] == type));
                Assert.Equal(instances.Count, totals[type].Count);
                Assert.Equal(instances.Sum(x => c.Sizes[x]), totals[type].ShallowBytes);
                Assert.Equal(outermost.Sum(x => tree.Retained[x]), totals[type].RetainedBytes);
            }
        }
    }

    private static IEnumerable<int> DominatorChain(DominatorTree tree, int node)
    {
        for (var d = (int)tree.Idom[node]; d >= 0; d = (int)tree.Idom[d])
        {
            yield return d;
        }
    }
}
