using Objex.Snapshot;

namespace Objex.Graph;

/// <summary>
/// Immediate dominators and retained sizes over the strong-edge heap graph plus five virtual
/// nodes: a super-root whose children are a modules bucket (→ every module), a thread-stacks
/// bucket (→ every frame source), a held-from-C bucket (→ every object no root reaches whose
/// refcount counts references the dump could not see: <see cref="UnseenReferences"/>) and an
/// unreachable bucket, for garbage (→ entries into what nothing above reaches: first objects
/// nothing holds strongly, then, in id order, any object still unvisited, which lies on a
/// cycle no root reaches).
///
/// Algorithm: semi-NCA (Georgiadis, Tarjan, Werneck, "Finding dominators in practice", 2006),
/// in four phases, each in its own method: an iterative DFS numbers the nodes in preorder
/// (<see cref="NumberPreorder"/>), semidominators by path-compressed EVAL in reverse preorder
/// (<see cref="Semidominators"/>), each idom as the nearest common ancestor found by climbing
/// from the DFS parent (<see cref="NcaIdoms"/>), and retained sizes summed into each idom in
/// reverse preorder (<see cref="RetainedSizes"/>). O(E log N) time, no recursion (a
/// 1,000,000-long chain is fine), ~45 B per object while it runs. Which edges retain is
/// <see cref="StrongReverse.Retains"/>: weak edges never do, namespace edges (a frame's globals)
/// only when nothing else holds the namespace. The virtual nodes' ids are <see cref="ObjId.SuperRoot"/> and the
/// buckets' (<see cref="ObjId.ModulesRoot"/>, …); inside, the phases number them N .. N+4, after the objects.
/// </summary>
internal sealed partial class DominatorTree
{
    private DominatorTree(ObjId[] idom, long[] retained, long[] virtualRetained, int[] bucketCounts)
    {
        Idom = idom;
        Retained = retained;
        VirtualRetained = virtualRetained;
        UnreachableCount = bucketCounts[VirtualNodes.Index(ObjId.UnreachableRoot)];
        HeldFromCCount = bucketCounts[VirtualNodes.Index(ObjId.HeldFromCRoot)];
    }

    /// <summary>Immediate dominator per object: an object or a bucket (<see cref="ObjId.ModulesRoot"/>, …), or <see cref="ObjId.SuperRoot"/> for what more than one kind of root reaches.</summary>
    internal ObjId[] Idom { get; }

    /// <summary>Retained bytes per object.</summary>
    internal long[] Retained { get; }

    /// <summary>Retained bytes of the super-root, modules, thread-stacks, unreachable and held-from-C buckets (<see cref="VirtualNodes"/>' order).</summary>
    internal long[] VirtualRetained { get; }

    /// <summary>Garbage: objects dominated by the unreachable bucket (nothing but garbage reaches them).</summary>
    internal int UnreachableCount { get; }

    /// <summary>Objects dominated by the held-from-C bucket.</summary>
    internal int HeldFromCCount { get; }

    /// <summary>
    /// The tree over <paramref name="graph"/>. <paramref name="unseen"/> is <see cref="UnseenReferences"/>' count per
    /// object, or empty when the dump's refcounts mean nothing (then no object is held from C).
    /// </summary>
    internal static DominatorTree Compute(
        HeapGraph graph, StrongReverse reverse, ReadOnlySpan<ObjId> modules, ReadOnlySpan<ObjId> frameSources, ReadOnlySpan<int> unseen, CancellationToken cancel)
    {
        var n = graph.NodeCount;

        // The DFS's cursor stack is free once the preorder is numbered; the semidominators reuse it.
        var scratch = GC.AllocateUninitializedArray<int>(n + VirtualCount);
        var preorder = NumberPreorder(graph, reverse, modules, frameSources, unseen, scratch, cancel);
        var semi = Semidominators(preorder, reverse, scratch, cancel);
        var idomPre = NcaIdoms(preorder.Parent.AsSpan(0, preorder.Count), semi);
        var retainedPre = RetainedSizes(preorder, graph.ObjSize, idomPre);

        // Back from preorder numbers to object ids.
        var pre = preorder.Pre;
        var vertex = preorder.Vertex;
        var idom = GC.AllocateUninitializedArray<ObjId>(n);
        var retained = GC.AllocateUninitializedArray<long>(n);
        for (var node = 0; node < n; node++)
        {
            var p = pre[node];
            var dominator = vertex[idomPre[p]];
            idom[node] = dominator < n ? (ObjId)dominator : VirtualNodes.Id(dominator - n);
            retained[node] = retainedPre[p];
        }

        var virtualRetained = new long[VirtualCount];
        for (var k = 0; k < VirtualCount; k++)
        {
            virtualRetained[k] = retainedPre[pre[n + k]];
        }

        return new DominatorTree(idom, retained, virtualRetained, BucketCounts(preorder, idomPre));
    }

    /// <summary>
    /// Objects per virtual node whose dominator chain ends there (<see cref="VirtualNodes"/>' order): each
    /// node's bucket is its idom's, and an idom precedes what it dominates in preorder. O(N), 1 B per node.
    /// </summary>
    private static int[] BucketCounts(Preorder preorder, int[] idomPre)
    {
        var n = preorder.VirtualPreds.Length;
        var vertex = preorder.Vertex;
        var bucket = new byte[preorder.Count];
        var counts = new int[VirtualCount];
        for (var i = 1; i < preorder.Count; i++)
        {
            var node = vertex[i];
            if (node >= n)
            {
                bucket[i] = (byte)(node - n);
                continue;
            }

            bucket[i] = bucket[idomPre[i]];
            counts[bucket[i]]++;
        }

        return counts;
    }

    /// <summary>
    /// Retained size per preorder number: each node's shallow size, then, in reverse preorder,
    /// each node's total added into its idom (an idom always precedes the nodes it dominates in
    /// preorder, so a node's total is complete before it is added). O(N), 8 B per node.
    /// </summary>
    private static long[] RetainedSizes(Preorder preorder, long[] objSize, int[] idomPre)
    {
        var n = objSize.Length;
        var count = preorder.Count;
        var vertex = preorder.Vertex;
        var retainedPre = new long[count];
        for (var i = 0; i < count; i++)
        {
            var node = vertex[i];
            retainedPre[i] = node < n ? objSize[node] : 0;
        }

        for (var i = count - 1; i >= 1; i--)
        {
            retainedPre[idomPre[i]] += retainedPre[i];
        }

        return retainedPre;
    }
}
