using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Core.Tests.Graph;

/// <summary>The dominator tree as the analysis computes it: the roots given once, to both the reverse adjacency and the tree.</summary>
internal static class Dominators
{
    internal static DominatorTree Of(HeapGraph graph, int[] modules, int[] frameSources, int[]? unseen = null)
    {
        var moduleIds = Ids.Of(modules);
        var frameIds = Ids.Of(frameSources);
        return DominatorTree.Compute(graph, StrongReverse.Build(graph, moduleIds, frameIds, unseen ?? []), moduleIds, frameIds, unseen ?? [], CancellationToken.None);
    }
}
