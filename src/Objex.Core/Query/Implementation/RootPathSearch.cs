using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Shortest paths from several distinct roots (modules, or thread-stack frames) to one object.
/// The first path is the precomputed tree's (<see cref="RootTree"/>, read by its two ends when long): a shortest path
/// from the nearest root, known even when the search below gives up before meeting any root.
/// The others: breadth-first search backwards from the object over the in-memory reverse CSR, following only
/// strong path references (weak references and a frame's globals/builtins never count, as in the
/// make-analysis-db trees). A root reached is recorded and not expanded (a path through one root to another
/// is never the other's shortest). The search stops after <c>maxRoots</c> distinct roots; past its node budget
/// it expands nothing more but still records the roots already queued.
/// Cost: O(visited + their in-edges), typically far below N; 8 B per object of reused scratch.
/// The precomputed tree answers "no root reaches it" in O(1), so unreachable objects cost nothing.
/// </summary>
internal sealed class RootPathSearch(HeapSnapshot snapshot, VisitStamps stamps, int nodeBudget)
{
    /// <summary>
    /// Objects a search visits by default before it stops expanding. Sized so that a search that covers most of
    /// a 1 M-object heap still answers in tens of milliseconds; the set is then marked incomplete.
    /// </summary>
    internal const int DefaultNodeBudget = 400_000;

    /// <summary>
    /// Finds up to <paramref name="maxRoots"/> roots of <paramref name="tree"/> with a shortest path to
    /// <paramref name="target"/>; for each, the edges from the root down to the target, nearest root first. The
    /// nearest root's edges are null: its path is the tree's, which the caller reads without an array of its length.
    /// </summary>
    internal (List<(ObjId Root, List<EdgeId>? Edges)> Found, bool Complete) Search(
        ObjId target, RootTree tree, int maxRoots, CancellationToken cancellationToken)
    {
        var found = new List<(ObjId, List<EdgeId>?)>();
        if (!tree.IsReachable(target) || maxRoots <= 0)
        {
            return (found, true);
        }

        // A root's own tree path is empty: for a root target only the search finds the other roots that reach it.
        var nearest = tree.IsRoot(target) ? ObjId.None : tree.Root(target);
        if (nearest != ObjId.None)
        {
            found.Add((nearest, null));
            if (found.Count == maxRoots)
            {
                return (found, true);
            }
        }

        // Every other root is at least as far as the nearest, and the search visits at least one object per level
        // before it meets one: past the budget's depth (a long linked list) it would spend its whole budget for nothing.
        if (tree.Distance(target) > nodeBudget)
        {
            return (found, false);
        }

        stamps.Reset();
        stamps.Visit((int)target, -1);
        var complete = true;
        var dequeued = 0;
        while (stamps.TryDequeue(out var current))
        {
            var obj = (ObjId)current;
            if (obj != target && tree.IsRoot(obj))
            {
                if (obj != nearest)
                {
                    found.Add((obj, PathDown(obj)));
                }

                if (found.Count == maxRoots)
                {
                    break;
                }

                continue;
            }

            if ((++dequeued & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Past the budget the queue is only drained: a root queued at the last level is still found for free.
            if (stamps.VisitedCount > nodeBudget)
            {
                complete = false;
                continue;
            }

            foreach (var edge in snapshot.InEdges(obj))
            {
                if (snapshot.KindOf(edge) != EdgeKind.Strong)
                {
                    continue;
                }

                var source = (int)snapshot.EdgeSource(edge);
                if (!stamps.IsVisited(source) && tree.IsReachable((ObjId)source))
                {
                    stamps.Visit(source, (int)edge);
                }
            }
        }

        return (found, complete);
    }

    /// <summary>The edges from <paramref name="root"/> down to the search's start, following the edges the search came by.</summary>
    private List<EdgeId> PathDown(ObjId root)
    {
        var edges = new List<EdgeId>();
        var current = (int)root;
        while (stamps.Via(current) is var edge and >= 0)
        {
            edges.Add((EdgeId)edge);
            current = (int)snapshot.EdgeTarget((EdgeId)edge);
        }

        return edges;
    }
}
