using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Graph;

/// <summary>
/// Multi-source breadth-first search over the edges <see cref="RetentionRule.IsOnRootPath"/> allows
/// (strong ones: weak and namespace references are never on a root path). Gives every object its distance from
/// the nearest source and the edge that leads one step toward it, so any root path is an
/// O(depth) walk. O(N + E) time; 12 B per object (queue, distance, parent edge), no recursion.
/// With <c>throughModules: false</c> (the frame tree) a module reached is not walked through:
/// what a frame reaches only by way of a module (its <c>sys</c> local's <c>.modules</c>, say)
/// belongs to that module's path, not to a frame path.
/// </summary>
internal static class RootPathBfs
{
    internal static (EdgeId[] ParentEdge, int[] Distance) Run(
        HeapGraph graph, ReadOnlySpan<ObjId> sources, CancellationToken cancel, bool throughModules = true)
    {
        var nodeCount = graph.NodeCount;
        var parentEdge = GC.AllocateUninitializedArray<EdgeId>(nodeCount);
        var distance = new int[nodeCount];
        parentEdge.AsSpan().Fill(EdgeId.None);
        distance.AsSpan().Fill(-1);
        var queue = GC.AllocateUninitializedArray<int>(nodeCount);
        int head = 0, tail = 0;
        foreach (var source in MemoryMarshal.Cast<ObjId, int>(sources))
        {
            if (distance[source] < 0)
            {
                distance[source] = 0;
                queue[tail++] = source;
            }
        }

        var offsets = graph.FwdOffsets;
        ReadOnlySpan<int> targets = MemoryMarshal.Cast<ObjId, int>(graph.FwdTargets);
        var kinds = graph.EdgeKind;
        var objKinds = graph.ObjKind;
        while (head < tail)
        {
            var node = queue[head++];
            if (!throughModules && objKinds[node] == (byte)Snapshot.ObjKind.Module)
            {
                continue;
            }

            var next = distance[node] + 1;
            for (int e = offsets[node], end = offsets[node + 1]; e < end; e++)
            {
                if (!RetentionRule.IsOnRootPath((EdgeKind)kinds[e]))
                {
                    continue;
                }

                var target = targets[e];
                if (distance[target] < 0)
                {
                    distance[target] = next;
                    parentEdge[target] = (EdgeId)e;
                    queue[tail++] = target;
                }
            }

            if ((head & 0xFFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }
        }

        return (parentEdge, distance);
    }
}
