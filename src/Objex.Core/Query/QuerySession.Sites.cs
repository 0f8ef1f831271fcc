using Objex.Snapshot;

namespace Objex.Query;

/// <summary>Allocation sites, when the dumped program traced with tracemalloc (docs/dump-format.md, <c>site</c>).</summary>
public sealed partial class QuerySession
{
    /// <summary>True when the heap carries allocation sites.</summary>
    public bool HasAllocationSites => _snapshot.HasSites;

    /// <summary>Where the object was allocated, or null (no tracing, allocated before it started, or from a free list).</summary>
    public AllocationSite? AllocationSiteOf(ObjId id)
    {
        _labeler.RequireObject(id);
        return _snapshot.SiteOf(id) is { } site ? new AllocationSite(site.File, site.Line, site.Function) : null;
    }

    /// <summary>
    /// The <paramref name="count"/> sites whose live objects hold the most bytes (shallow sizes), ties by more objects.
    /// One pass over <c>object_site</c>, two longs per site.
    /// </summary>
    public IReadOnlyList<SiteTotal> TopSites(int count, CancellationToken cancellationToken = default)
    {
        var objects = new Dictionary<int, long>();
        var bytes = new Dictionary<int, long>();
        _snapshot.ForEachObjectSite(
            (obj, site) =>
            {
                objects[site] = objects.GetValueOrDefault(site) + 1;
                bytes[site] = bytes.GetValueOrDefault(site) + _snapshot.ShallowSize(obj);
            },
            cancellationToken);
        var top = bytes.Keys.OrderByDescending(s => bytes[s]).ThenByDescending(s => objects[s]).ThenBy(s => s).Take(count).ToList();
        var sites = _snapshot.Sites(top);
        return top.Where(sites.ContainsKey)
            .Select(s => new SiteTotal(new AllocationSite(sites[s].File, sites[s].Line, sites[s].Function), objects[s], bytes[s]))
            .ToList();
    }
}
