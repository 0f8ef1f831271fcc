using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// How many of an object's referrers are of each type, most first (ties by type id): what 100,002
/// referrers are, without paging through 2,001 pages. One pass over the object's reverse CSR row
/// reading each referrer's type from the in-memory arrays: no SQL per referrer, so it costs
/// microseconds per referrer. Counted by the referring object itself: where the referrers list
/// shows an attribute as its owner's (<c>&lt;Order#7&gt;.items</c>), the reference came from the
/// owner's <c>__dict__</c> and counts as a dict (finding owners takes a label lookup per referrer).
/// </summary>
internal static class ReferrerTypes
{
    internal static ReferrerTypeCounts Of(HeapSnapshot snapshot, Labeler labeler, ObjId id)
    {
        var edges = snapshot.InEdges(id);
        var counts = new Dictionary<ObjId, int>();
        foreach (var edge in edges)
        {
            var type = snapshot.TypeOf(snapshot.EdgeSource(edge));
            counts[type] = counts.GetValueOrDefault(type) + 1;
        }

        var ranked = new List<KeyValuePair<ObjId, int>>(counts);
        ranked.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        var rows = new List<ReferrerTypeCount>(ranked.Count);
        foreach (var (type, count) in ranked)
        {
            rows.Add(new ReferrerTypeCount(labeler.Summarize(type), count));
        }

        return new ReferrerTypeCounts(edges.Length, rows);
    }
}
