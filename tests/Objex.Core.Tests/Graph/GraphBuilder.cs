using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Core.Tests.Graph;

/// <summary>Builds a <see cref="HeapGraph"/> from an edge list, the way the dump reader does (stable grouping by source).</summary>
internal static class GraphBuilder
{
    internal static HeapGraph Build(int nodeCount, IReadOnlyList<(int Src, int Dst, byte Kind)> edges, long[]? sizes = null, int[]? types = null)
    {
        var keys = edges.Select(e => e.Src).ToArray();
        var (offsets, order) = CsrBuilder.Group(keys, nodeCount);
        var targets = order.Select(i => (ObjId)edges[i].Dst).ToArray();
        var kinds = order.Select(i => edges[i].Kind).ToArray();
        var rowIds = order.Select(i => i + 1).ToArray();
        sizes ??= Enumerable.Range(0, nodeCount).Select(i => (long)(16 + (i * 7 % 50))).ToArray();
        types ??= new int[nodeCount];
        return new HeapGraph(Ids.Of(types), sizes, new byte[nodeCount], offsets, targets, kinds, rowIds);
    }
}
