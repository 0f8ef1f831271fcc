using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// What an object refers to, breadth first to a depth: each object contributes its first <c>fanOut</c> referents
/// (as <c>out</c> lists them), and the walk stops taking new objects at <c>maxNodes</c>; what is left out is counted
/// per object. An explicit queue (no recursion), a dictionary over the few objects drawn.
/// </summary>
internal sealed class NeighbourhoodWalk(HeapSnapshot snapshot)
{
    internal (List<ObjId> Nodes, List<EdgeId> Edges, Dictionary<ObjId, int> NotDrawn) Walk(ObjId start, int depth, int fanOut, int maxNodes)
    {
        var distance = new Dictionary<ObjId, int> { [start] = 0 };
        var nodes = new List<ObjId> { start };
        var edges = new List<EdgeId>();
        var notDrawn = new Dictionary<ObjId, int>();
        for (var head = 0; head < nodes.Count; head++)
        {
            var node = nodes[head];
            if (distance[node] == depth)
            {
                continue;
            }

            var range = snapshot.OutEdges(node);
            var drawn = 0;
            for (var i = 0; i < range.Count; i++)
            {
                var edge = range[i];
                var target = snapshot.EdgeTarget(edge);
                var known = distance.ContainsKey(target);
                if (drawn == fanOut || (!known && nodes.Count == maxNodes))
                {
                    notDrawn[node] = range.Count - i;
                    break;
                }

                if (!known)
                {
                    distance[target] = distance[node] + 1;
                    nodes.Add(target);
                }

                edges.Add(edge);
                drawn++;
            }
        }

        return (nodes, edges, notDrawn);
    }
}
