using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Graph;

internal sealed partial class DominatorTree
{
    // The virtual nodes follow the N objects: super-root N, then the three buckets.
    private const int VirtualCount = 4;

    // Which buckets point at an object (the virtual edges the semidominator step must see).
    private const byte FromModules = 1;
    private const byte FromThreadStacks = 2;
    private const byte FromUnreachable = 4;

    /// <summary>
    /// Phase 1, the DFS numbering: an iterative depth-first search from the super-root over the
    /// edges that retain gives each node its preorder number and each preorder number its node
    /// and DFS-tree parent. The super-root's children are the modules bucket, the thread-stacks
    /// bucket and the unreachable bucket, visited last, whose children are whatever is still
    /// unvisited (objects nothing holds first, then cycles in id order). O(N + E), no
    /// recursion: an explicit stack of (node, next edge) pairs in <paramref name="cursorStack"/>
    /// and one other array, 4 × 4 B per node besides the 1 B of virtual-edge flags.
    /// </summary>
    private static Preorder NumberPreorder(
        HeapGraph graph, StrongReverse reverse, ReadOnlySpan<ObjId> moduleIds, ReadOnlySpan<ObjId> frameSourceIds, int[] cursorStack, CancellationToken cancel)
    {
        var n = graph.NodeCount;
        var superRoot = n;
        var modulesRoot = n + 1;
        var stacksRoot = n + 2;
        var unreachableRoot = n + 3;
        var total = n + VirtualCount;
        var modules = MemoryMarshal.Cast<ObjId, int>(moduleIds);
        var frameSources = MemoryMarshal.Cast<ObjId, int>(frameSourceIds);

        var virtualPreds = new byte[n];
        foreach (var module in modules)
        {
            virtualPreds[module] |= FromModules;
        }

        foreach (var frame in frameSources)
        {
            virtualPreds[frame] |= FromThreadStacks;
        }

        var pre = new int[total];
        pre.AsSpan().Fill(-1);
        var vertex = GC.AllocateUninitializedArray<int>(total);
        var parent = GC.AllocateUninitializedArray<int>(total);
        var stackNode = GC.AllocateUninitializedArray<int>(total);
        var stackCursor = cursorStack;
        int[]? unreachableEntries = null;
        var count = 0;
        var sp = 0;
        pre[superRoot] = count;
        vertex[count] = superRoot;
        parent[count++] = -1;
        stackNode[sp] = superRoot;
        stackCursor[sp++] = 0;
        var fwd = graph.FwdOffsets;
        ReadOnlySpan<int> targets = MemoryMarshal.Cast<ObjId, int>(graph.FwdTargets);
        var kinds = graph.EdgeKind;
        var unreachablePre = -1;
        while (sp > 0)
        {
            var node = stackNode[sp - 1];
            var cursor = stackCursor[sp - 1];
            var next = -1;
            if (node < n)
            {
                var end = fwd[node + 1];
                if (cursor == 0)
                {
                    cursor = fwd[node];
                }

                while (cursor < end)
                {
                    var e = cursor++;
                    if (pre[targets[e]] < 0 && reverse.Retains(kinds[e], node, targets[e]))
                    {
                        next = targets[e];
                        break;
                    }
                }

                // A cursor of 0 means "not started"; it can only stay 0 when fwd[node] is 0 too.
                stackCursor[sp - 1] = cursor;
            }
            else if (node == superRoot)
            {
                next = cursor switch { 0 => modulesRoot, 1 => stacksRoot, 2 => unreachableRoot, _ => -1 };
                stackCursor[sp - 1] = cursor + 1;
            }
            else if (node == modulesRoot || node == stacksRoot)
            {
                var list = node == modulesRoot ? modules : frameSources;
                while (cursor < list.Length && pre[list[cursor]] >= 0)
                {
                    cursor++;
                }

                next = cursor < list.Length ? list[cursor] : -1;
                stackCursor[sp - 1] = cursor;
            }
            else
            {
                unreachableEntries ??= UnheldUnvisited(pre, reverse, n);
                while (next < 0 && cursor < unreachableEntries.Length + n)
                {
                    var candidate = cursor < unreachableEntries.Length ? unreachableEntries[cursor] : cursor - unreachableEntries.Length;
                    if (pre[candidate] < 0)
                    {
                        next = candidate;
                        virtualPreds[candidate] |= FromUnreachable;
                    }
                    else
                    {
                        cursor++;
                    }
                }

                stackCursor[sp - 1] = cursor;
            }

            if (next < 0)
            {
                sp--;
                continue;
            }

            if (next == unreachableRoot)
            {
                unreachablePre = count;
            }

            pre[next] = count;
            vertex[count] = next;
            parent[count++] = pre[node];
            stackNode[sp] = next;
            stackCursor[sp++] = 0;
            if ((count & 0xFFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }
        }

        return new Preorder(pre, vertex, parent, count, unreachablePre, virtualPreds);
    }

    // Unvisited objects that nothing holds strongly: the natural entries into unreachable parts.
    private static int[] UnheldUnvisited(int[] pre, StrongReverse reverse, int n)
    {
        var entries = new List<int>();
        for (var node = 0; node < n; node++)
        {
            if (pre[node] < 0 && reverse.InDegree((ObjId)node) == 0)
            {
                entries.Add(node);
            }
        }

        return [.. entries];
    }

    /// <summary>
    /// The DFS's result. <c>Pre[node]</c> (nodes 0..N+3, virtual nodes after the objects) is its
    /// preorder number; <c>Vertex[i]</c> and <c>Parent[i]</c> are the node numbered i and its
    /// DFS parent's number, for i &lt; <c>Count</c>; <c>UnreachablePre</c> is the unreachable
    /// bucket's number (-1 if not visited); <c>VirtualPreds</c> the virtual edges into each object.
    /// </summary>
    private sealed record Preorder(int[] Pre, int[] Vertex, int[] Parent, int Count, int UnreachablePre, byte[] VirtualPreds);
}
