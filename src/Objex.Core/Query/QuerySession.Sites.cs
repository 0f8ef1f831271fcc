using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Allocation sites, when the dumped program traced with tracemalloc (docs/dump-format.md, <c>site</c>). Every grouping
/// by site (<c>top sites</c>, the suspects', the diff's) counts through one <see cref="SiteTally"/> over
/// <see cref="HeapSnapshot.SiteIds"/>, so they agree.
/// </summary>
public sealed partial class QuerySession
{
    /// <summary>True when the heap carries allocation sites.</summary>
    public bool HasAllocationSites => _snapshot.HasSites;

    /// <summary>Where the object was allocated, or null (no tracing, allocated before it started, or from a free list).</summary>
    public AllocationSite? AllocationSiteOf(ObjId id)
    {
        _labeler.RequireObject(id);
        return _snapshot.SiteOf(id) is { } site ? SiteTally.Site(site) : null;
    }

    /// <summary>
    /// The <paramref name="count"/> sites whose live objects hold the most bytes (shallow sizes), ties by more objects.
    /// One pass over the heap's site ids.
    /// </summary>
    public IReadOnlyList<SiteTotal> TopSites(int count, CancellationToken cancellationToken = default)
    {
        var siteOf = _snapshot.SiteIds(cancellationToken);
        var tally = new SiteTally(_snapshot);
        for (var i = 0; i < siteOf.Length; i++)
        {
            tally.Add((ObjId)i, siteOf[i]);
        }

        return tally.Top(count);
    }

    /// <summary>
    /// The <paramref name="count"/> sites whose objects keep the most alive (<see cref="SiteTotal.RetainedBytes"/>: each
    /// byte counted once per site), ties by more objects; empty when the heap has no sites. O(N): one walk of the
    /// dominator tree (<see cref="SiteRetention"/>).
    /// </summary>
    public IReadOnlyList<SiteTotal> SitesByRetained(int count, CancellationToken cancellationToken = default) =>
        HasAllocationSites ? SiteRetention.Rank(_snapshot, count, cancellationToken) : [];

    /// <summary>
    /// Where the objects of each of <paramref name="types"/> that <paramref name="node"/> keeps alive (its dominator
    /// subtree, itself included) were allocated, by type; null when the heap has no sites. One walk for all the types
    /// (a bucket's group suspects share it), O(subtree).
    /// </summary>
    private Dictionary<ObjId, SiteBreakdown>? SitesBelow(ObjId node, HashSet<ObjId> types, CancellationToken cancellationToken)
    {
        if (!HasAllocationSites)
        {
            return null;
        }

        var siteOf = _snapshot.SiteIds(cancellationToken);
        var tallies = new Dictionary<ObjId, SiteTally>(types.Count);
        foreach (var type in types)
        {
            tallies[type] = new SiteTally(_snapshot);
        }

        foreach (var current in DominatorSubtree.Walk(_snapshot, node, cancellationToken))
        {
            if ((int)current >= 0 && tallies.TryGetValue(_snapshot.TypeOf(current), out var tally))
            {
                tally.Add(current, siteOf[(int)current]);
            }
        }

        return tallies.ToDictionary(t => t.Key, t => t.Value.Breakdown());
    }
}
