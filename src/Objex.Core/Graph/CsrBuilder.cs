namespace Objex.Graph;

/// <summary>
/// Compressed sparse row adjacency by counting sort: one pass counts each source's edges,
/// a prefix sum turns counts into offsets, a second pass places each edge. O(N + E) time,
/// 4 B per node + 4 B per edge for the result, no per-node lists. Stable: edges of one
/// source keep their input order.
/// </summary>
internal static class CsrBuilder
{
    /// <summary>
    /// Groups edges <c>i</c> (with <c>keys[i]</c> in 0..nodeCount-1) by key. Returns offsets
    /// (nodeCount + 1) and, for each slot, the input position of the edge placed there.
    /// </summary>
    internal static (int[] Offsets, int[] Order) Group(ReadOnlySpan<int> keys, int nodeCount)
    {
        var offsets = new int[nodeCount + 1];
        foreach (var key in keys)
        {
            offsets[key + 1]++;
        }

        for (var i = 0; i < nodeCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var order = GC.AllocateUninitializedArray<int>(keys.Length);
        var next = GC.AllocateUninitializedArray<int>(nodeCount);
        offsets.AsSpan(0, nodeCount).CopyTo(next);
        for (var i = 0; i < keys.Length; i++)
        {
            order[next[keys[i]]++] = i;
        }

        return (offsets, order);
    }

    /// <summary>
    /// The reverse adjacency of a forward CSR: for each target, the forward edge indices that
    /// point at it (ascending). Returns reverse offsets (N + 1) and edge indices (E).
    /// </summary>
    internal static (int[] Offsets, int[] Edges) Reverse(int[] fwdTargets, int nodeCount) =>
        Group(fwdTargets, nodeCount);

    /// <summary>For each forward edge, its source node: expands the offsets. O(N + E).</summary>
    internal static int[] EdgeSources(int[] fwdOffsets, int nodeCount)
    {
        var sources = GC.AllocateUninitializedArray<int>(fwdOffsets[nodeCount]);
        for (var node = 0; node < nodeCount; node++)
        {
            sources.AsSpan(fwdOffsets[node], fwdOffsets[node + 1] - fwdOffsets[node]).Fill(node);
        }

        return sources;
    }
}
