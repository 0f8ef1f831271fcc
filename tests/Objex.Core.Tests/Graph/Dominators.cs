using Objex.Graph;

namespace Objex.Core.Tests.Graph;

/// <summary>The dominator tree as the analysis computes it: the roots given once, to both the reverse adjacency and the tree.</summary>
internal static class Dominators
{
    internal static DominatorTree Of(HeapGraph graph, int[] modules, int[] frameSources) =>
        DominatorTree.Compute(graph, StrongReverse.Build(graph, modules, frameSources), modules, frameSources, CancellationToken.None);
}
