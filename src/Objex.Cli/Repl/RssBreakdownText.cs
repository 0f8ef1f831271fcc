using System.Globalization;
using Objex.Query;

namespace Objex.Cli.Repl;

/// <summary>
/// The RSS breakdown as text: one line for the banner, a table for <c>objex summary</c>. One wording for both.
/// </summary>
internal static class RssBreakdownText
{
    /// <summary>"RSS 117.6 MiB = objects 78.7 MiB + buffers 20.0 MiB + … + unknown 0 B".</summary>
    internal static string OneLine(RssBreakdown rss) =>
        $"RSS {ByteSize.Format(rss.TotalBytes)} = " + string.Join(" + ", rss.Parts.Select(p => $"{p.ShortName} {ByteSize.Format(p.Bytes)}"));

    /// <summary>The table: one row per part with its share of RSS and its source, then the total and any advice.</summary>
    internal static IEnumerable<string> Table(RssBreakdown rss)
    {
        var nameWidth = rss.Parts.Max(p => p.Name.Length);
        var sizes = rss.Parts.Select(p => ByteSize.Format(p.Bytes)).ToList();
        var sizeWidth = Math.Max(sizes.Max(s => s.Length), ByteSize.Format(rss.TotalBytes).Length);
        for (var i = 0; i < rss.Parts.Count; i++)
        {
            var part = rss.Parts[i];
            yield return $"{part.Name.PadRight(nameWidth)}  {sizes[i].PadLeft(sizeWidth)}  {Share(part.Bytes, rss.TotalBytes),6}  {part.Source}";
        }

        yield return $"{"RSS".PadRight(nameWidth)}  {ByteSize.Format(rss.TotalBytes).PadLeft(sizeWidth)}  {Share(rss.TotalBytes, rss.TotalBytes),6}";
        foreach (var advice in rss.Advice)
        {
            yield return "hint: " + advice;
        }
    }

    private static string Share(long bytes, long total) =>
        total > 0 ? (100.0 * bytes / total).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";
}
