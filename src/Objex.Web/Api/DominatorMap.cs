using System.Globalization;
using Objex.Query;
using Objex.Snapshot;
using Objex.Web.Internal;

namespace Objex.Web.Api;

/// <summary>
/// The treemap's levels, read off the dominator tree make-analysis-db stored: the whole heap, its
/// top-level objects (those no other object keeps alive), then each object's children. An object's
/// breadcrumb passes through its bucket (what modules keep alive, what only thread stacks keep alive,
/// what no root reaches) when it has one. The query layer's <see cref="QuerySession.Retained"/> gives an
/// object's chain; the children of objects and buckets come straight from the snapshot's dominator
/// tree, largest first, small ones grouped by type (<see cref="MapChildren"/>).
/// </summary>
internal sealed class DominatorMap(QuerySession session)
{
    private static readonly (string Node, ObjId Id, string Label)[] s_virtual =
    [
        ("root", ObjId.SuperRoot, "whole heap"),
        ("modules", ObjId.ModulesRoot, "kept alive by modules"),
        ("stacks", ObjId.ThreadStacksRoot, "kept alive only by thread stacks"),
        ("unreachable", ObjId.UnreachableRoot, "reached by no module or stack"),
    ];

    private IReadOnlyList<ObjectSummary>? _topLevel;
    private bool _topLevelComplete;

    private HeapSnapshot Snapshot => session.Snapshot;

    public MapLevel Level(string node, int limit)
    {
        foreach (var (name, id, label) in s_virtual)
        {
            if (name == node)
            {
                return VirtualLevel(id, name, label, limit);
            }
        }

        if (!int.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out var obj))
        {
            throw ApiException.BadRequest($"node must be root, modules, stacks, unreachable or an object id, not '{node}'");
        }

        if (obj >= session.ObjectCount)
        {
            throw ApiException.NotFound($"no object #{obj}");
        }

        return ObjectLevel(obj, limit);
    }

    private MapLevel ObjectLevel(int id, int limit)
    {
        var chain = session.Retained(id, 0);
        var crumbs = Crumbs(TopOf(chain, id));
        for (var i = chain.KeptAliveBy.Count - 1; i >= 0; i--)
        {
            crumbs.Add(new MapCrumb(Text(chain.KeptAliveBy[i].Id), chain.KeptAliveBy[i].Label));
        }

        crumbs.Add(new MapCrumb(Text(id), chain.Object.Label));
        var (tiles, groups) = Children((ObjId)id, limit);
        return Build(Text(id), chain.Object.Label, chain.RetainedBytes, chain.KeptCount, chain.Object, crumbs, tiles, groups);
    }

    private MapLevel VirtualLevel(ObjId node, string name, string label, int limit)
    {
        List<MapTile> tiles;
        List<MapGroup> groups;
        long childCount;
        if (node == ObjId.SuperRoot)
        {
            // Its children are the buckets and what several kinds of root reach: the tiles are the
            // largest top-level objects instead, so no grouping (and no count of the rest) applies.
            tiles = [];
            foreach (var child in TopLevel(limit))
            {
                tiles.Add(Tile(child));
            }

            groups = [];
            childCount = tiles.Count;
        }
        else
        {
            (tiles, groups) = Children(node, limit);
            childCount = Snapshot.DominatedChildren(node).Length;
        }

        return Build(name, label, Snapshot.RetainedSize(node), childCount, null, Crumbs(node), tiles, groups);
    }

    /// <summary>The node's children as tiles of their own and type groups (<see cref="MapChildren"/>).</summary>
    private (List<MapTile> Tiles, List<MapGroup> Groups) Children(ObjId node, int limit)
    {
        var (own, byType) = MapChildren.Select(Snapshot, Snapshot.DominatedChildren(node), Snapshot.RetainedSize(node), limit);
        var tiles = new List<MapTile>(own.Length);
        foreach (var child in own)
        {
            tiles.Add(Tile(session.Summarize((int)child)));
        }

        var groups = new List<MapGroup>(byType.Count);
        foreach (var group in byType)
        {
            groups.Add(new MapGroup(session.Summarize((int)group.Type), session.Summarize((int)group.Sample).TypeName, group.Count, group.Retained));
        }

        return (tiles, groups);
    }

    /// <summary>
    /// The largest objects no other object keeps alive (their immediate dominator is a bucket or the
    /// super-root itself, for what both modules and stacks reach). They are the top-by-retained
    /// objects with a virtual dominator: any such object larger than one listed is itself in the top
    /// list, so the filtered list is exactly the largest of them. The dump never changes: computed once.
    /// </summary>
    private IReadOnlyList<ObjectSummary> TopLevel(int limit)
    {
        if (_topLevel is { } cached && (cached.Count >= limit || _topLevelComplete))
        {
            return cached.Count > limit ? [.. cached.Take(limit)] : cached;
        }

        var top = session.Top(TopKind.Retained, limit * 8);
        var kept = new List<ObjectSummary>(limit);
        foreach (var entry in top)
        {
            if (kept.Count < limit && (int)Snapshot.ImmediateDominator((ObjId)entry.Object.Id) < 0)
            {
                kept.Add(entry.Object);
            }
        }

        _topLevel = kept;
        _topLevelComplete = top.Count < limit * 8;
        return kept;
    }

    /// <summary>The virtual bucket above the chain's topmost object.</summary>
    private ObjId TopOf(DominatorChain chain, int id)
    {
        var top = chain.KeptAliveBy.Count > 0 && chain.KeptAliveBy.Count == chain.ChainLength ? chain.KeptAliveBy[^1].Id : id;
        var bucket = Snapshot.ImmediateDominator((ObjId)top);
        return (int)bucket < 0 ? bucket : ObjId.SuperRoot;
    }

    private static List<MapCrumb> Crumbs(ObjId bucket)
    {
        var crumbs = new List<MapCrumb> { new("root", "whole heap") };
        foreach (var (name, id, label) in s_virtual.AsSpan(1))
        {
            if (id == bucket)
            {
                crumbs.Add(new MapCrumb(name, label));
            }
        }

        return crumbs;
    }

    private MapTile Tile(ObjectSummary child)
    {
        var retained = child.Retained ?? child.Size;
        return new MapTile(Text(child.Id), child.Label, child.Kind, child.TypeName, retained, retained > child.Size, child, session.NearestRootPath(child.Id));
    }

    private static MapLevel Build(string node, string label, long retained, long childCount, ObjectSummary? obj, List<MapCrumb> crumbs, List<MapTile> tiles, List<MapGroup> groups)
    {
        var shown = 0L;
        var grouped = 0L;
        foreach (var tile in tiles)
        {
            shown += tile.Retained;
        }

        foreach (var group in groups)
        {
            shown += group.Retained;
            grouped += group.Count;
        }

        return new MapLevel(node, label, retained, childCount, obj, crumbs, tiles, groups, retained - shown, childCount - tiles.Count - grouped);
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
