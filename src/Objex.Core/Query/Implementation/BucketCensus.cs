using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// What a bucket of the dominator tree keeps alive, counted by type: an iterative walk over its dominator subtree
/// (no recursion: a 1,000,000-long chain is one deep path), O(objects in the bucket), one dictionary entry per
/// type, none per object. Counted when asked rather than stored by the analysis: the buckets it is asked about
/// (held from C, garbage) are usually a small part of the heap, and a few ms per million objects otherwise.
/// </summary>
internal static class BucketCensus
{
    internal static BucketTotals Count(HeapSnapshot snapshot, Labeler labeler, ObjId bucket, CancellationToken cancellationToken)
    {
        var byType = new Dictionary<ObjId, (long Objects, long Bytes)>();
        var entries = snapshot.DominatedChildren(bucket);
        long objects = 0;
        foreach (var current in DominatorSubtree.Walk(snapshot, bucket, cancellationToken))
        {
            if (current == bucket)
            {
                continue;   // the bucket is a virtual node: what it dominates is counted
            }

            objects++;
            var type = snapshot.TypeOf(current);
            var (count, bytes) = byType.GetValueOrDefault(type);
            byType[type] = (count + 1, bytes + snapshot.ShallowSize(current));
        }

        var types = new List<TypeShare>(BucketTotals.MaxTypes);
        foreach (var (type, (count, bytes)) in byType.OrderByDescending(t => t.Value.Bytes).ThenBy(t => t.Key).Take(BucketTotals.MaxTypes))
        {
            types.Add(new TypeShare(type, snapshot.IsObject(type) ? labeler.QualifiedTypeName(type) : "?", count, bytes));
        }

        return new BucketTotals(bucket, objects, snapshot.RetainedSize(bucket), entries.Length, types);
    }
}
