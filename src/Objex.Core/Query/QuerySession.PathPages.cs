using Objex.Snapshot;

namespace Objex.Query;

/// <summary>Long root paths read by page: the middle that <see cref="RootPath"/> elides.</summary>
public sealed partial class QuerySession
{
    /// <summary>The most references one page of a path holds.</summary>
    public const int MaxPathPage = 500;

    /// <summary>
    /// References <paramref name="offset"/> onwards (at most <paramref name="limit"/>, capped at <see cref="MaxPathPage"/>)
    /// of the object's shortest path from the nearest module (<paramref name="fromFrames"/>: from the nearest
    /// running frame): the first path <see cref="ModulePaths"/> or <see cref="FramePaths"/> lists, and the one
    /// <see cref="NearestRootPath"/> gives when a module reaches the object. <see cref="RootPath.Offset"/> and
    /// <see cref="RootPath.Length"/> place the page; its <see cref="RootPath.Suffix"/> is the page's references alone.
    /// O(depth) int reads, labels only for the page.
    /// </summary>
    /// <exception cref="QueryException">Not an object, no such root reaches it, or a negative offset.</exception>
    public RootPath NearestRootPathPage(ObjId id, bool fromFrames, int offset, int limit)
    {
        _labeler.RequireObject(id);
        var tree = fromFrames ? _snapshot.FrameTree : _snapshot.ModuleTree;
        if (!tree.IsReachable(id))
        {
            throw new QueryException($"no {(fromFrames ? "running frame" : "module")} reaches {_labeler.Label(id)}");
        }

        if (offset < 0 || limit < 0)
        {
            throw new QueryException("a path page needs offset ≥ 0 and limit ≥ 0");
        }

        var edges = tree.PathSlice(id, offset, Math.Min(limit, MaxPathPage));
        return _paths.Render(Summarize(tree.Root(id)), edges, [], 0) with { Length = tree.Distance(id), Offset = offset };
    }

    /// <summary>The tree's shortest path to <paramref name="obj"/>, its two ends only when it is long (one walk up, no array of its length).</summary>
    private RootPath TreePath(RootTree tree, ObjId obj)
    {
        var depth = tree.Distance(obj);
        if (depth <= RootPath.MaxSteps)
        {
            return _paths.Render(Summarize(tree.Root(obj)), tree.PathFromRoot(obj));
        }

        var head = new EdgeId[RootPath.KeptSteps];
        var tail = new EdgeId[RootPath.KeptSteps];
        var root = tree.Ends(obj, head, tail);
        return _paths.Render(Summarize(root), head, tail, depth - (2 * RootPath.KeptSteps));
    }
}
