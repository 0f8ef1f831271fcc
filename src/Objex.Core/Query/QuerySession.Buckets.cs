using Objex.Snapshot;

namespace Objex.Query;

/// <summary>Memory no root reaches, split: what is held from C and what is garbage; which bucket holds an object.</summary>
public sealed partial class QuerySession
{
    private HeapTotals? _totals;

    /// <summary>
    /// Held from C and garbage, with their totals and main types, and the collector's state: for the banner,
    /// <c>top retained</c>, <c>root_summary</c> and the web's start page. The dump never changes: computed once,
    /// O(objects in the two buckets) (plus, the first time anything asks the dominator tree for children, O(N)).
    /// </summary>
    public HeapTotals Totals(CancellationToken cancellationToken = default)
    {
        if (_totals is { } known)
        {
            return known;
        }

        var held = BucketCensus.Count(_snapshot, _labeler, ObjId.HeldFromCRoot, cancellationToken);
        var garbage = BucketCensus.Count(_snapshot, _labeler, ObjId.UnreachableRoot, cancellationToken);
        var meta = _snapshot.Meta;
        var total = _snapshot.RetainedSize(ObjId.SuperRoot);
        var large = garbage.Bytes > HeapTotals.LargeGarbageBytes || garbage.Bytes > HeapTotals.LargeGarbageShare * total;
        return _totals = new HeapTotals(held, garbage, total, meta.GcEnabled, meta.GcThresholds, meta.GcCounts, meta.GcEnabled == false && large);
    }

    /// <summary>
    /// The bucket whose dominator chain the object ends in (<see cref="ObjId.ModulesRoot"/>,
    /// <see cref="ObjId.ThreadStacksRoot"/>, <see cref="ObjId.HeldFromCRoot"/>, <see cref="ObjId.UnreachableRoot"/>),
    /// or <see cref="ObjId.SuperRoot"/> when more than one kind of root keeps it alive. O(depth in the dominator tree).
    /// </summary>
    public ObjId BucketOf(ObjId id)
    {
        _labeler.RequireObject(id);
        var current = id;
        while ((int)current >= 0)
        {
            current = _snapshot.ImmediateDominator(current);
        }

        return current;
    }
}
