using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Which of a node's children in the dominator tree are shown, in the <see cref="RetainedRanking"/> order:
/// the <c>retained</c> command's largest kept objects, and a treemap level's own tiles with the rest grouped
/// by type. The typical leak is one container keeping 100,000 small objects alive; as individual tiles they
/// are invisible slivers, and as one "the rest" tile they say nothing, so the small children are counted by
/// type ("50,000 × app.Session, 23 MiB"). On a map, a child gets its own tile when everything fits (at most
/// <c>limit</c> children) or, among the <c>limit</c> largest, when it holds at least 1/200 of the node: about
/// the smallest tile on a 800×440 map that still carries a label.
/// </summary>
internal static class DominatorChildRanking
{
    private const int ShareDivisor = 200;

    /// <summary>A type's children not shown on their own: how many, the bytes they retain, one of them (for its type's name).</summary>
    internal readonly record struct Group(ObjId Type, ObjId Sample, long Count, long Retained);

    /// <summary>The <paramref name="count"/> largest children, largest first. O(c log c) for c children.</summary>
    internal static ObjId[] Largest(HeapSnapshot snapshot, ReadOnlySpan<ObjId> children, int count)
    {
        var ranked = children.ToArray();
        RetainedRanking.Sort(snapshot, ranked);
        return ranked.Length > count ? ranked[..Math.Max(count, 0)] : ranked;
    }

    /// <summary>
    /// A treemap level's children: those with a tile of their own, largest first, and the rest by type (every
    /// type, most retained first: a level shows <see cref="ChildTypeGroup.MaxGroups"/> of them a page).
    /// O(c): children retain at most their node together, so at most 200 of them hold a 1/200 share and only
    /// those are ranked, not all 100,000 children of a cache; one more pass groups the rest.
    /// </summary>
    internal static (ObjId[] Own, List<Group> Groups) ForMap(HeapSnapshot snapshot, ReadOnlySpan<ObjId> children, long nodeRetained, int limit)
    {
        if (children.Length <= limit)
        {
            return (Largest(snapshot, children, limit), []);
        }

        var large = new List<ObjId>();
        foreach (var child in children)
        {
            if (snapshot.RetainedSize(child) * ShareDivisor >= nodeRetained)
            {
                large.Add(child);
            }
        }

        var own = Largest(snapshot, CollectionsMarshal.AsSpan(large), limit);
        return (own, GroupByType(snapshot, children, [.. own]));
    }

    /// <summary>The children not in <paramref name="own"/> counted by type, most retained first, the largest <see cref="ChildTypeGroup.MaxGroups"/>. O(c), no labels read.</summary>
    internal static List<Group> GroupByType(HeapSnapshot snapshot, ReadOnlySpan<ObjId> children, HashSet<ObjId> own)
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
        return groups;
    }
}
