using System.Globalization;
using Objex.Query;
using Objex.Snapshot;
using Objex.Web.Internal;

namespace Objex.Web.Api;

/// <summary>
/// The treemap's levels as the page draws them: the whole heap, its top-level objects (those no other object
/// keeps alive), then each object's children. The query layer's <see cref="QuerySession.DominatorLevel"/>
/// ranks and groups the children and finds the node's bucket and dominators; this class only names the
/// nodes (<c>root</c>, <c>modules</c>, <c>stacks</c>, <c>heldc</c>, <c>unreachable</c> or an object id), builds the
/// breadcrumb (through the node's bucket when it has one) and sums what the tiles leave out; at the root, what
/// the tiles leave out is one tile per bucket, which opens that bucket.
/// </summary>
internal sealed class DominatorMap(QuerySession session)
{
    // The objects more than one kind of root reaches: what the whole heap's tiles and buckets leave out.
    private const string Shared = "shared";
    private const string SharedLabel = "reached from more than one kind of root";

    private static readonly (string Node, ObjId Id, string Label)[] s_virtual =
    [
        ("root", ObjId.SuperRoot, "whole heap"),
        ("modules", ObjId.ModulesRoot, "kept alive by modules"),
        ("stacks", ObjId.ThreadStacksRoot, "kept alive only by thread stacks"),
        ("heldc", ObjId.HeldFromCRoot, "held from C (no module or stack reaches it)"),
        ("unreachable", ObjId.UnreachableRoot, "garbage (unreachable cycles)"),
    ];

    public MapLevel Level(string node, int limit, int groupOffset = 0)
    {
        if (node == Shared)
        {
            return Format(session.SharedLevel(limit, groupOffset), Shared, SharedLabel);
        }

        foreach (var (name, id, label) in s_virtual)
        {
            if (name == node)
            {
                return Format(session.DominatorLevel(id, limit, groupOffset), name, label);
            }
        }

        if (!int.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out var obj))
        {
            throw ApiException.BadRequest($"node must be root, modules, stacks, heldc, unreachable, shared or an object id, not '{node}'");
        }

        if (obj >= session.ObjectCount)
        {
            throw ApiException.NotFound($"no object #{obj}");
        }

        var level = session.DominatorLevel((ObjId)obj, limit, groupOffset);
        return Format(level, Text((ObjId)obj), level.Object!.Label);
    }

    private MapLevel Format(DominatorLevel level, string name, string label)
    {
        var crumbs = new List<MapCrumb> { new("root", "whole heap") };
        if (level.Bucket != ObjId.SuperRoot)
        {
            var (bucketName, bucketLabel) = Named(level.Bucket);
            crumbs.Add(new MapCrumb(bucketName, bucketLabel));
        }

        for (var i = 0; i < level.Above.Count; i++)
        {
            // A long chain's left-out middle is one crumb, opening the dominator halfway down it.
            if (level.AboveSkipped > 0 && i == level.Above.Count / 2)
            {
                crumbs.Add(new MapCrumb(Text(level.AboveMiddle), $"… {level.AboveSkipped:N0} more …"));
            }

            crumbs.Add(new MapCrumb(Text(level.Above[i].Id), level.Above[i].Label));
        }

        if (level.Object is { } obj)
        {
            crumbs.Add(new MapCrumb(Text(obj.Id), obj.Label));
        }

        var tiles = new List<MapTile>(level.Largest.Count);
        var shown = level.Skipped.Bytes;
        foreach (var child in level.Largest)
        {
            var tile = Tile(child);
            tiles.Add(tile);
            shown += tile.Retained;
        }

        // At the whole heap's level, what the tiles leave out is each bucket's rest: a tile that opens that bucket.
        foreach (var rest in level.BucketRests)
        {
            var (bucketName, bucketLabel) = Named(rest.Bucket);
            tiles.Add(new MapTile(bucketName, $"{bucketLabel}: {rest.ChildCount:N0} more", null, null, rest.RetainedBytes, rest.ChildCount > 0, null, null));
            shown += rest.RetainedBytes;
        }

        var groups = new List<MapGroup>(level.Groups.Count);
        var grouped = 0L;
        foreach (var group in level.Groups)
        {
            groups.Add(new MapGroup(group.Type, group.TypeName, group.Count, group.RetainedBytes));
            shown += group.RetainedBytes;
            grouped += group.Count;
        }

        return new MapLevel(
            name, label, level.RetainedBytes, level.ChildCount, level.Object, crumbs, tiles, groups,
            level.RetainedBytes - shown, level.ChildCount - level.Skipped.Count - level.Largest.Count - grouped)
        {
            From = level.GroupOffset,
            NextFrom = level.MoreGroups ? level.GroupOffset + level.Groups.Count : null,
        };
    }

    private static (string Name, string Label) Named(ObjId bucket)
    {
        if (bucket == ObjId.SuperRoot)
        {
            return (Shared, SharedLabel);       // (a rest under the super-root itself: see BucketRest)
        }

        foreach (var (name, id, label) in s_virtual)
        {
            if (id == bucket)
            {
                return (name, label);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "not a bucket");
    }

    private MapTile Tile(ObjectSummary child)
    {
        var retained = child.Retained ?? child.Size;
        return new MapTile(Text(child.Id), child.Label, child.Kind, child.TypeName, retained, retained > child.Size, child, session.NearestRootPath(child.Id));
    }

    private static string Text(ObjId id) => ((int)id).ToString(CultureInfo.InvariantCulture);
}
