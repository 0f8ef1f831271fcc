using System.Runtime.InteropServices;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Web.Api;

/// <summary>
/// Which of a node's children in the dominator tree get a treemap tile of their own, and how the rest
/// are grouped by type. The typical leak is one container keeping 100,000 small objects alive; as
/// individual tiles they are invisible slivers, and as one "the rest" tile they say nothing, so the
/// small children are counted by type ("50,000 × app.Session, 23 MiB"). A child gets its own tile
/// when everything fits (at most <c>limit</c> children) or, among the <c>limit</c> largest, when it
/// holds at least 1/200 of the node: about the smallest tile on a 800×440 map that still carries
/// a label. Cost: O(c), one pass to find the few large children (at most 200, then ranked) and one
/// to group the rest.
/// </summary>
internal static class MapChildren
{
    /// <summary>Type groups listed at most; the smaller ones join "the rest".</summary>
    public const int MaxGroups = 20;

    private const int ShareDivisor = 200;

    /// <summary>A type's children not shown on their own: how many, the bytes they retain, one of them (for its type's name).</summary>
    public readonly record struct Group(ObjId Type, ObjId Sample, long Count, long Retained);

    public static (ObjId[] Own, List<Group> Groups) Select(HeapSnapshot snapshot, ReadOnlySpan<ObjId> children, long nodeRetained, int limit)
    {
        if (children.Length <= limit)
        {
            var all = children.ToArray();
            RetainedRanking.Sort(snapshot, all);
            return (all, []);
        }

        // Children retain at most their node together, so at most ShareDivisor of them hold a
        // 1/ShareDivisor share: only those are ranked, not all 100,000 children of a cache.
        var large = new List<ObjId>();
        foreach (var child in children)
        {
            if (snapshot.RetainedSize(child) * ShareDivisor >= nodeRetained)
            {
                large.Add(child);
            }
        }

        var ranked = large.ToArray();
        RetainedRanking.Sort(snapshot, ranked);
        var own = ranked.Length > limit ? ranked[..limit] : ranked;
        return (own, GroupByType(snapshot, children, [.. own]));
    }

    private static List<Group> GroupByType(HeapSnapshot snapshot, ReadOnlySpan<ObjId> children, HashSet<ObjId> own)
    {
        var byType = new Dictionary<ObjId, Group>();
        foreach (var child in children)
        {
            if (own.Contains(child))
            {
                continue;
            }

            var type = snapshot.TypeOf(child);
            ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(byType, type, out var exists);
            group = exists
                ? group with { Count = group.Count + 1, Retained = group.Retained + snapshot.RetainedSize(child) }
                : new Group(type, child, 1, snapshot.RetainedSize(child));
        }

        var groups = new List<Group>(byType.Values);
        groups.Sort((a, b) => a.Retained != b.Retained ? b.Retained.CompareTo(a.Retained) : a.Type.CompareTo(b.Type));
        return groups.Count > MaxGroups ? groups.GetRange(0, MaxGroups) : groups;
    }
}
