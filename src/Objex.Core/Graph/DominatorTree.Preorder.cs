using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Graph;

internal sealed partial class DominatorTree
{
    // The virtual nodes follow the N objects, numbered N + VirtualNodes.Index (held from C is N+4,
    // though the DFS visits it before the unreachable bucket, N+3).
    private const int VirtualCount = VirtualNodes.Count;

    // Which buckets point at an object (the virtual edges the semidominator step must see).
    private const byte FromModules = 1;
    private const byte FromThreadStacks = 2;
    private const byte FromUnreachable = 4;
    private const byte FromHeldFromC = 8;

    /// <summary>
    /// Phase 1, the DFS numbering: an iterative depth-first search from the super-root over the
    /// edges that retain gives each node its preorder number and each preorder number its node
    /// and DFS-tree parent. The super-root's children are the modules bucket, the thread-stacks
    /// bucket, the held-from-C bucket, whose children are the objects no root reaches that have
    /// references the dump could not see (all of them, even those another such object reaches;
    /// visited in id order), and the unreachable bucket, visited last,
    /// whose children are whatever is still unvisited (objects nothing holds first, then cycles
    /// in id order): garbage. O(N + E), no
    /// recursion: an explicit stack of (node, next edge) pairs in <paramref name="cursorStack"/>
    /// and one other array, 4 × 4 B per node besides the 1 B of virtual-edge flags.
    /// </summary>
    private static Preorder NumberPreorder(
        HeapGraph graph, StrongReverse reverse, ReadOnlySpan<ObjId> moduleIds, ReadOnlySpan<ObjId> frameSourceIds, ReadOnlySpan<int> unseen, int[] cursorStack, CancellationToken cancel)
    {
        var n = graph.NodeCount;
        var superRoot = n + VirtualNodes.Index(ObjId.SuperRoot);
        var modulesRoot = n + VirtualNodes.Index(ObjId.ModulesRoot);
        var stacksRoot = n + VirtualNodes.Index(ObjId.ThreadStacksRoot);
        var unreachableRoot = n + VirtualNodes.Index(ObjId.UnreachableRoot);
        var heldRoot = n + VirtualNodes.Index(ObjId.HeldFromCRoot);
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
        var heldEntriesMarked = false;
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
                next = cursor switch { 0 => modulesRoot, 1 => stacksRoot, 2 => heldRoot, 3 => unreachableRoot, _ => -1 };
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
            else if (node == heldRoot)
            {
                if (!heldEntriesMarked)
                {
                    // Every such object is an entry, even one another entry reaches: C holds it itself.
                    MarkHeldFromC(pre, unseen, virtualPreds);
                    heldEntriesMarked = true;
                }

                while (cursor < unseen.Length && (pre[cursor] >= 0 || unseen[cursor] == 0))
                {
                    cursor++;
                }

                next = cursor < unseen.Length ? cursor : -1;
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

        return new Preorder(pre, vertex, parent, count, virtualPreds);
    }

    // The held-from-C bucket's virtual edges: into every object no root reaches whose refcount counts unseen references.
    private static void MarkHeldFromC(int[] pre, ReadOnlySpan<int> unseen, byte[] virtualPreds)
    {
        for (var node = 0; node < unseen.Length; node++)
        {
            if (pre[node] < 0 && unseen[node] > 0)
            {
                virtualPreds[node] |= FromHeldFromC;
            }
        }
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
    /// The DFS's result. <c>Pre[node]</c> (nodes 0..N+4, virtual nodes after the objects) is its
    /// preorder number; <c>Vertex[i]</c> and <c>Parent[i]</c> are the node numbered i and its
    /// DFS parent's number, for i &lt; <c>Count</c>; <c>VirtualPreds</c> the virtual edges into each object.
    /// </summary>
    private sealed record Preorder(int[] Pre, int[] Vertex, int[] Parent, int Count, byte[] VirtualPreds);
}
