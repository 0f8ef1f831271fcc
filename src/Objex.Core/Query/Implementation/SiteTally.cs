using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Objects and shallow bytes per allocation site of a set of objects, added one at a time: the one grouping by site
/// that <c>top sites</c>, the suspects and the diff share. A dictionary of two longs per site met (a heap has hundreds to
/// thousands of sites), nothing allocated per object.
/// </summary>
internal sealed class SiteTally(HeapSnapshot snapshot)
{
    private readonly Dictionary<int, (long Objects, long Bytes)> _totals = [];

    /// <summary>Objects added, with a site or without.</summary>
    internal long Counted { get; private set; }

    /// <summary>Counts <paramref name="obj"/>, allocated at <paramref name="site"/> (or <see cref="HeapSnapshot.NoSite"/>).</summary>
    internal void Add(ObjId obj, int site)
    {
        Counted++;
        if (site != HeapSnapshot.NoSite)
        {
            ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(_totals, site, out _);
            total = (total.Objects + 1, total.Bytes + snapshot.ShallowSize(obj));
        }
    }

    /// <summary>The <paramref name="count"/> sites with the most bytes, ties by more objects, then by site id.</summary>
    internal List<SiteTotal> Top(int count)
    {
        var top = _totals.Keys.OrderByDescending(s => _totals[s].Bytes).ThenByDescending(s => _totals[s].Objects).ThenBy(s => s).Take(count).ToList();
        var sites = snapshot.Sites(top);
        return [.. top.Where(sites.ContainsKey).Select(s => new SiteTotal(Site(sites[s]), _totals[s].Objects, _totals[s].Bytes))];
    }

    /// <summary>The breakdown of the objects added: their count and top sites.</summary>
    internal SiteBreakdown Breakdown() => new(Counted, Top(SiteBreakdown.MaxSites));

    internal static AllocationSite Site((string File, long Line, string? Function) site) => new(site.File, site.Line, site.Function);
}
