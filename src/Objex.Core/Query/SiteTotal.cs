namespace Objex.Query;

/// <summary>One row of <c>top sites</c>: an allocation site and what was allocated there and is still alive.</summary>
/// <param name="Site">The site.</param>
/// <param name="Objects">Objects of the heap allocated there.</param>
/// <param name="ShallowBytes">The sum of their shallow sizes.</param>
public sealed record SiteTotal(AllocationSite Site, long Objects, long ShallowBytes);
