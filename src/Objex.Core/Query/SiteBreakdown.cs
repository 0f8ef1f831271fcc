namespace Objex.Query;

/// <summary>
/// Where a set of objects was allocated: a suspect's accumulated objects of its growing type, or a growth entry's new
/// objects (<c>allocated at app/cache.py:88 in remember (1,800 of 1,800)</c>). Only when the heap has allocation sites.
/// </summary>
/// <param name="Objects">The objects of the set, with a site or without (the "of" of each site's count).</param>
/// <param name="Sites">Their top sites, most bytes (shallow sizes) first, then most objects; at most three.</param>
public sealed record SiteBreakdown(long Objects, IReadOnlyList<SiteTotal> Sites)
{
    /// <summary>Sites a breakdown names at most: past three, the sites no longer point at the one line that leaks.</summary>
    public const int MaxSites = 3;
}
