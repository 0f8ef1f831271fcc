using System.Globalization;
using System.Text;
using Objex.Query;

namespace Objex.Cli.Terminal;

/// <summary>
/// The report's chart, inline SVG drawn here (no script, no library): one bar across the whole heap, each suspect a
/// coloured part of it and the rest grey, then one bar per suspect scaled to the heap with its share. At most
/// <see cref="MaxBars"/> suspects are drawn; the others are one "… N more suspects" part. Single suspects and groups
/// are disjoint parts of the dominator tree (a top-level retainer is one or the other), so the parts never overlap.
/// </summary>
internal static class SuspectChartSvg
{
    /// <summary>Suspects drawn each with its own colour and bar.</summary>
    internal const int MaxBars = 10;

    private const int Width = 760, LabelWidth = 330, BarHeight = 28, RowHeight = 22;

    // Ten colours people can tell apart (Tableau 10); the rest of the heap is grey.
    private static readonly string[] s_colours =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    private const string Rest = "#e4e4e4", Others = "#8c8c8c";

    /// <summary>The colour of suspect <paramref name="index"/> (0-based), as in the chart; grey past <see cref="MaxBars"/>.</summary>
    internal static string Colour(int index) => index < MaxBars ? s_colours[index % s_colours.Length] : Others;

    internal static void Draw(StringBuilder html, SuspectReport report)
    {
        var suspects = report.Suspects;
        var drawn = Math.Min(suspects.Count, MaxBars);
        var othersShare = 0.0;
        for (var i = drawn; i < suspects.Count; i++)
        {
            othersShare += suspects[i].HeapShare;
        }

        var rows = drawn + (suspects.Count > drawn ? 1 : 0) + 1;
        var height = BarHeight + 12 + (rows * RowHeight);
        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" role=\"img\" aria-label=\"The heap by suspect\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">\n");

        // The whole heap as one bar: the suspects left to right, largest first, then the rest.
        var x = 0.0;
        for (var i = 0; i < drawn; i++)
        {
            x = Part(html, x, suspects[i].HeapShare, Colour(i), $"Suspect {i + 1}: {Suspect.ShareText(suspects[i].HeapShare)} of the heap");
        }

        x = Part(html, x, othersShare, Others, $"{suspects.Count - drawn:N0} more suspects: {Suspect.ShareText(othersShare)} of the heap");
        Part(html, x, 1 - (x / Width), Rest, $"the rest of the heap: {Suspect.ShareText(Math.Max(0, 1 - (x / Width)))}");

        // One bar per suspect, on the heap's scale.
        var y = BarHeight + 12;
        for (var i = 0; i < drawn; i++, y += RowHeight)
        {
            Row(html, y, Colour(i), $"Suspect {i + 1}: {suspects[i].Where.Text}", suspects[i].HeapShare, $"#suspect-{i + 1}");
        }

        if (suspects.Count > drawn)
        {
            Row(html, y, Others, $"{suspects.Count - drawn:N0} more suspects", othersShare, null);
            y += RowHeight;
        }

        Row(html, y, Rest, "the rest of the heap", Math.Max(0, 1 - (x / Width)), null);
        html.Append("</svg>\n");
    }

    /// <summary>One part of the whole-heap bar from <paramref name="x"/>; returns where the next starts.</summary>
    private static double Part(StringBuilder html, double x, double share, string colour, string title)
    {
        var width = Math.Clamp(share, 0, 1) * Width;
        width = Math.Min(width, Width - x);
        if (width <= 0)
        {
            return x;
        }

        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"0\" width=\"{width:0.##}\" height=\"{BarHeight}\" fill=\"{colour}\"><title>")
            .Escaped(title, 200).Append("</title></rect>\n");
        return x + width;
    }

    private static void Row(StringBuilder html, int y, string colour, string label, double share, string? anchor)
    {
        var barWidth = Math.Clamp(share, 0, 1) * (Width - LabelWidth - 50);
        if (anchor is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{anchor}\">");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">").Escaped(label, 52).Append("</text>");
        html.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{Math.Max(barWidth, 1):0.##}\" height=\"{RowHeight - 6}\" fill=\"{colour}\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + Math.Max(barWidth, 1) + 6:0.##}\" y=\"{y + 15}\">{Suspect.ShareText(share)}</text>");
        html.Append(anchor is null ? "\n" : "</a>\n");
    }
}
