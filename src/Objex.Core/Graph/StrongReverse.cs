namespace Objex.Graph;

/// <summary>
/// Who holds each object strongly: reverse adjacency over edges that retain (kinds 0 and 2,
/// not weak), as offsets (N + 1) and referrer ids, built by counting sort in O(N + E).
/// Duplicate referrers are kept (harmless for dominators). 4 B per object + 4 B per edge.
/// </summary>
internal sealed class StrongReverse
{
    private StrongReverse(int[] offsets, int[] sources)
    {
        Offsets = offsets;
        Sources = sources;
    }

    internal int[] Offsets { get; }

    internal int[] Sources { get; }

    internal int InDegree(int node) => Offsets[node + 1] - Offsets[node];

    internal ReadOnlySpan<int> Referrers(int node) => Sources.AsSpan(Offsets[node], Offsets[node + 1] - Offsets[node]);

    internal static StrongReverse Build(HeapGraph graph)
    {
        var nodeCount = graph.NodeCount;
        var fwd = graph.FwdOffsets;
        var targets = graph.FwdTargets;
        var kinds = graph.EdgeKind;
        var offsets = new int[nodeCount + 1];
        for (var e = 0; e < targets.Length; e++)
        {
            if (kinds[e] != 1)
            {
                offsets[targets[e] + 1]++;
            }
        }

        for (var i = 0; i < nodeCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var sources = GC.AllocateUninitializedArray<int>(offsets[nodeCount]);
        var next = GC.AllocateUninitializedArray<int>(nodeCount);
        offsets.AsSpan(0, nodeCount).CopyTo(next);
        for (var node = 0; node < nodeCount; node++)
        {
            for (int e = fwd[node], end = fwd[node + 1]; e < end; e++)
            {
                if (kinds[e] != 1)
                {
                    sources[next[targets[e]]++] = node;
                }
            }
        }

        return new StrongReverse(offsets, sources);
    }
}
