using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// An object's dominator subtree: what only it keeps alive, all the way down, where its dominator children are only
/// those it keeps alive directly. Walked on demand, iteratively (no recursion: a 1,000,000-long chain is one deep
/// path), O(subtree), rather than stored by the analysis: older analysis files answer too, and one walk costs at most
/// one pass over the heap (a few ms per million objects).
/// </summary>
internal static class DominatorSubtree
{
    /// <summary>Objects <paramref name="node"/> dominates, itself excluded.</summary>
    internal static int CountBelow(HeapSnapshot snapshot, ObjId node, CancellationToken cancellationToken) =>
        Walk(snapshot, node, cancellationToken).Count() - 1;

    /// <summary>
    /// <paramref name="node"/> (an object or a virtual node of the tree), then every object it dominates, depth first;
    /// cancellable every 65,536 nodes.
    /// </summary>
    internal static IEnumerable<ObjId> Walk(HeapSnapshot snapshot, ObjId node, CancellationToken cancellationToken)
    {
        var pending = new Stack<ObjId>();
        pending.Push(node);
        var visited = 0;
        while (pending.TryPop(out var current))
        {
            if ((++visited & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return current;
            foreach (var child in snapshot.DominatedChildren(current))
            {
                pending.Push(child);
            }
        }
    }
}
