using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// The size of an object's dominator subtree: how many objects only it keeps alive, all the way down, where its
/// dominator children are only those it keeps alive directly.
/// Counted on demand by an iterative walk over the dominator children (no recursion: a 1,000,000-long chain
/// is one deep path), O(subtree), rather than stored by the analysis: older analysis files answer too, and
/// one <c>retained</c> costs at most one pass over the heap (a few ms per million objects).
/// </summary>
internal static class DominatorSubtree
{
    /// <summary>Objects <paramref name="node"/> dominates, itself excluded.</summary>
    internal static int CountBelow(HeapSnapshot snapshot, ObjId node, CancellationToken cancellationToken)
    {
        var count = 0;
        var pending = new Stack<ObjId>();
        pending.Push(node);
        while (pending.TryPop(out var current))
        {
            foreach (var child in snapshot.DominatedChildren(current))
            {
                pending.Push(child);
            }

            if ((++count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return count - 1;
    }
}
