using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// A shortest reference path between two objects (<c>path_to</c>, <c>path_from</c>): breadth-first search
/// forward from the source over every reference (weak ones included: the question is "how does this reach
/// that", not "what keeps it alive"). O(visited + their out-edges), bounded by N; reuses the session scratch.
/// </summary>
internal sealed class ForwardPathSearch(HeapSnapshot snapshot, VisitStamps stamps)
{
    /// <summary>The edges from <paramref name="from"/> to <paramref name="to"/>, or null when no path exists.</summary>
    internal List<EdgeId>? Search(ObjId from, ObjId to, CancellationToken cancellationToken)
    {
        stamps.Reset();
        stamps.Visit((int)from, -1);
        var dequeued = 0;
        while (stamps.TryDequeue(out var current))
        {
            if (current == (int)to)
            {
                return PathUp(from, to);
            }

            if ((++dequeued & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var edges = snapshot.OutEdges((ObjId)current);
            var targets = snapshot.OutTargets((ObjId)current);
            for (var i = 0; i < targets.Length; i++)
            {
                var target = (int)targets[i];
                if (!stamps.IsVisited(target))
                {
                    stamps.Visit(target, (int)edges[i]);
                }
            }
        }

        return null;
    }

    private List<EdgeId> PathUp(ObjId from, ObjId to)
    {
        var edges = new List<EdgeId>();
        var current = (int)to;
        while (current != (int)from)
        {
            var edge = (EdgeId)stamps.Via(current);
            edges.Add(edge);
            current = (int)snapshot.EdgeSource(edge);
        }

        edges.Reverse();
        return edges;
    }
}
