using Objex.Snapshot;

namespace Objex.Query;

/// <summary>Small drawable graphs around one object (what <c>objex export … .dot</c> draws).</summary>
public sealed partial class QuerySession
{
    /// <summary>
    /// What <paramref name="id"/> refers to, to <paramref name="depth"/> references, at most <paramref name="fanOut"/>
    /// referents per object and <paramref name="maxNodes"/> objects in all (what is left out is counted per object).
    /// </summary>
    public ObjectGraph Neighbourhood(ObjId id, int depth, int fanOut = DefaultListLimit, int maxNodes = 200)
    {
        _labeler.RequireObject(id);
        var (nodes, edges, notDrawn) = new NeighbourhoodWalk(_snapshot).Walk(id, depth, fanOut, maxNodes);
        return new ObjectGraph(
            id,
            [.. nodes.Select(n => new ObjectGraphNode(Summarize(n), IsRoot(n), notDrawn.GetValueOrDefault(n)))],
            [.. edges.Select(e => new PathStep(_snapshot.EdgeSource(e), _edgeText.Render(e), _snapshot.EdgeTarget(e)))]);
    }

    /// <summary>
    /// The shortest paths to <paramref name="id"/> from up to <paramref name="maxRoots"/> modules and as many frames
    /// (<see cref="ModulePaths"/>, <see cref="FramePaths"/>), merged into one graph: each object and step once.
    /// Just the object when no root reaches it.
    /// </summary>
    public ObjectGraph RootPathGraph(ObjId id, int maxRoots = DefaultRootLimit, CancellationToken cancellationToken = default)
    {
        var paths = ModulePaths(id, maxRoots, cancellationToken).Paths.Concat(FramePaths(id, maxRoots, cancellationToken).Paths);
        var nodes = new List<ObjId> { id };
        var seen = new HashSet<ObjId> { id };
        var steps = new List<PathStep>();
        var seenSteps = new HashSet<PathStep>();
        foreach (var path in paths)
        {
            foreach (var step in path.Steps)
            {
                foreach (var end in new[] { step.From, step.To })
                {
                    if (seen.Add(end))
                    {
                        nodes.Add(end);
                    }
                }

                if (seenSteps.Add(step))
                {
                    steps.Add(step);
                }
            }
        }

        return new ObjectGraph(id, [.. nodes.Select(n => new ObjectGraphNode(Summarize(n), IsRoot(n), 0))], steps);
    }

    private bool IsRoot(ObjId obj) => _snapshot.ModuleTree.IsRoot(obj) || _snapshot.FrameTree.IsRoot(obj);
}
