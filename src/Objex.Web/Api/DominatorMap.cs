using System.Globalization;
using Objex.Query;
using Objex.Snapshot;
using Objex.Web.Internal;

namespace Objex.Web.Api;

/// <summary>
/// The treemap's levels as the page draws them: the whole heap, its top-level objects (those no other object
/// keeps alive), then each object's children. The query layer's <see cref="QuerySession.DominatorLevel"/>
/// ranks and groups the children and finds the node's bucket and dominators; this class only names the
/// nodes (<c>root</c>, <c>modules</c>, <c>stacks</c>, <c>unreachable</c> or an object id), builds the
/// breadcrumb (through the node's bucket when it has one) and sums what the tiles leave out.
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

    public MapLevel Level(string node, int limit)
    {
        foreach (var (name, id, label) in s_virtual)
        {
            if (name == node)
            {
                return Format(session.DominatorLevel(id, limit), name, label);
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

        var level = session.DominatorLevel((ObjId)obj, limit);
        return Format(level, Text((ObjId)obj), level.Object!.Label);
    }

    private MapLevel Format(DominatorLevel level, string name, string label)
    {
        var crumbs = new List<MapCrumb> { new("root", "whole heap") };
        foreach (var (bucketName, id, bucketLabel) in s_virtual.AsSpan(1))
        {
            if (id == level.Bucket)
            {
                crumbs.Add(new MapCrumb(bucketName, bucketLabel));
            }
        }

        foreach (var above in level.Above)
        {
            crumbs.Add(new MapCrumb(Text(above.Id), above.Label));
        }

        if (level.Object is { } obj)
        {
            crumbs.Add(new MapCrumb(Text(obj.Id), obj.Label));
        }

        var tiles = new List<MapTile>(level.Largest.Count);
        var shown = 0L;
        foreach (var child in level.Largest)
        {
            var tile = Tile(child);
            tiles.Add(tile);
            shown += tile.Retained;
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
            level.RetainedBytes - shown, level.ChildCount - tiles.Count - grouped);
    }

    private MapTile Tile(ObjectSummary child)
    {
        var retained = child.Retained ?? child.Size;
        return new MapTile(Text(child.Id), child.Label, child.Kind, child.TypeName, retained, retained > child.Size, child, session.NearestRootPath(child.Id));
    }

    private static string Text(ObjId id) => ((int)id).ToString(CultureInfo.InvariantCulture);
}
