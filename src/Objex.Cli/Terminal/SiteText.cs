using Objex.Query;

namespace Objex.Cli.Terminal;

/// <summary>
/// Allocation sites as the suspects, the diff and <c>top sites</c> print them: one line per site of a
/// <see cref="SiteBreakdown"/> (<c>allocated at app/cache.py:88 in remember (1,800 of 1,800)</c>), and one per row of a
/// ranking. Nothing at all when the heap has no sites.
/// </summary>
internal static class SiteText
{
    /// <summary>Each site of the breakdown as <c>allocated at SITE (N of M)</c>, in order; none for a null breakdown.</summary>
    internal static IEnumerable<string> AllocatedAt(SiteBreakdown? breakdown) =>
        breakdown is null ? [] : breakdown.Sites.Select(s => $"allocated at {s.Site} ({s.Objects:N0} of {breakdown.Objects:N0})");

    /// <summary>A ranking's row: <c>app/cache.py:88 in remember: 2,000 objects, 2.1 MiB</c> (and what they retain, when ranked by it).</summary>
    internal static string Row(SiteTotal total)
    {
        var retained = total.RetainedBytes is { } r ? $", retaining {ByteSize.Format(r)}" : "";
        return $"{total.Site}: {total.Objects:N0} objects, {ByteSize.Format(total.ShallowBytes)}{retained}";
    }
}
