using System.Globalization;
using System.Text;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Terminal;

/// <summary>
/// <c>objex suspects --html</c>: the same <see cref="SuspectReport"/> the text and JSON faces print, as one HTML file a
/// person opens anywhere: no script, no network (a Content-Security-Policy forbids loading anything), the chart inline
/// SVG. At most <see cref="MaxBytes"/> for any heap: every name is shortened (<see cref="MaxName"/> characters), every
/// path keeps its first and last <see cref="PathEnds"/> steps, at most <see cref="MaxSuspects"/> suspects are written,
/// and the suspects stop, saying how many were left out, where the next would pass <see cref="SuspectsBudget"/>.
/// </summary>
internal static class SuspectReportHtml
{
    /// <summary>The report's size at most, in bytes (the bound).</summary>
    internal const int MaxBytes = 1_000_000;

    /// <summary>Suspects written in full at most (at a low threshold a heap has thousands).</summary>
    internal const int MaxSuspects = 100;

    /// <summary>
    /// UTF-8 bytes the document may reach with its suspects: the head and chart (~15 kB at most: ten bars, names cut to
    /// 52 characters) come before, the garbage and thread sections (a few names) after, and fit in the rest.
    /// </summary>
    private const int SuspectsBudget = 900_000;

    /// <summary>Characters of any one name, label or path step; escaped, at most 6 bytes each.</summary>
    private const int MaxName = 160;

    /// <summary>Steps kept at each end of a longer path (a 1,000,000-long chain's path is 1,000,000 steps).</summary>
    private const int PathEnds = 8;

    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
        h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin:1.6em 0 .4em;border-bottom:1px solid #ddd}
        .muted{color:#666}.sentence{font-size:1.05em}.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em}
        code,.path{font-family:ui-monospace,monospace;font-size:.92em;overflow-wrap:anywhere}
        table{border-collapse:collapse;margin:.4em 0}td,th{padding:.15em .6em;text-align:left;vertical-align:top}
        th{font-weight:600;color:#444}td.num{text-align:right;white-space:nowrap}dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em}
        dt{color:#555}dd{margin:0}svg.chart text{font-size:12px}svg.chart a text{fill:#1a56a8}
        """;

    /// <summary>The whole document.</summary>
    internal static string Write(SuspectReport report, DumpMeta meta, string analysisPath)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<title>objex leak suspects: ").Escaped(meta.SourceDumpFile, MaxName).Append("</title>\n<style>")
            .Append(Style).Append("</style>\n</head>\n<body>\n");
        Header(html, report, meta, analysisPath);
        SuspectChartSvg.Draw(html, report);

        var suspects = report.Suspects;
        var bytes = Encoding.UTF8.GetByteCount(html.ToString());
        var written = 0;
        var section = new StringBuilder();
        for (; written < Math.Min(suspects.Count, MaxSuspects); written++)
        {
            section.Clear();
            SuspectSection(section, written, suspects[written], analysisPath);
            var size = Encoding.UTF8.GetByteCount(section.ToString());
            if (bytes + size > SuspectsBudget)
            {
                break;
            }

            html.Append(section);
            bytes += size;
        }

        if (written < suspects.Count)
        {
            var share = suspects.Skip(written).Sum(s => s.HeapShare);
            html.Append(CultureInfo.InvariantCulture,
                $"<p class=\"more\">… {suspects.Count - written:N0} more suspects ({Suspect.ShareText(share)} of the heap together), not written here: ")
                .Append("<code>objex suspects</code> lists them all.</p>\n");
        }

        Footer(html, report, written);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, SuspectReport report, DumpMeta meta, string analysisPath)
    {
        html.Append("<h1>Leak suspects</h1>\n<p class=\"muted\">").Escaped(meta.SourceDumpFile, MaxName).Append(", collected from ")
            .Escaped(meta.Hostname, MaxName).Append(" at ").Escaped(meta.Timestamp, MaxName)
            .Append(CultureInfo.InvariantCulture, $" (pid {meta.Pid}");
        if (meta.PythonVersion is { } python)
        {
            html.Append(", Python ").Escaped(python, 40);
        }

        html.Append("); analysis <code>").Escaped(Path.GetFileName(analysisPath), MaxName).Append("</code></p>\n<p>")
            .Append(CultureInfo.InvariantCulture, $"The heap: {ByteSize.Format(report.HeapBytes)} in {meta.ObjectCount:N0} objects. ");
        var found = report.Suspects.Count switch
        {
            0 => "none found",
            1 => "one found",
            var n => n.ToString("N0", CultureInfo.InvariantCulture) + " found",
        };
        html.Append(CultureInfo.InvariantCulture,
            $"A suspect retains at least {Suspect.ShareText(report.Threshold)} of it ({ByteSize.Format((long)Math.Ceiling(report.Threshold * report.HeapBytes))}): {found}.</p>\n");
    }

    private static void SuspectSection(StringBuilder html, int index, Suspect suspect, string analysisPath)
    {
        var number = index + 1;
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"suspect\" id=\"suspect-{number}\">\n<h2><span class=\"swatch\" style=\"background:{SuspectChartSvg.Colour(index)}\"></span>Suspect {number}</h2>\n")
            .Append("<p class=\"sentence\">").Escaped(suspect.Description, 3 * MaxName).Append("</p>\n<dl>\n");
        var bucket = Suspect.BucketText(suspect.Bucket);
        if (suspect.Kind == SuspectKind.Group)
        {
            Term(html, "objects").Append(CultureInfo.InvariantCulture,
                $"{suspect.Count:N0}, retaining {ByteSize.Format(suspect.RetainedBytes)} together ({Suspect.ShareText(suspect.HeapShare)} of the heap), ").Escaped(bucket).Append("</dd>\n");
            Object(Term(html, "largest"), suspect.AccumulationPoint, analysisPath)
                .Append(CultureInfo.InvariantCulture, $", retains {ByteSize.Format(suspect.AccumulationPoint.Retained ?? 0)}</dd>\n");
        }
        else
        {
            Term(html, "retains").Append(CultureInfo.InvariantCulture,
                $"{ByteSize.Format(suspect.RetainedBytes)} ({Suspect.ShareText(suspect.HeapShare)} of the heap), ").Escaped(bucket).Append("</dd>\n");
            if (suspect.Holder.Id != suspect.AccumulationPoint.Id)
            {
                Object(Term(html, "holder"), suspect.Holder, analysisPath).Append("</dd>\n");
            }

            Object(Term(html, "accumulation point"), suspect.AccumulationPoint, analysisPath).Append("</dd>\n");
        }

        Term(html, "root path");
        if (suspect.RootPath is { } root)
        {
            PathText(html, root);
        }
        else
        {
            html.Escaped(suspect.Where.Text, 3 * MaxName);
        }

        html.Append("</dd>\n");
        if (suspect.Thread is { } thread)
        {
            Term(html, "thread").Escaped(thread.ThreadName, MaxName).Append(", frame ");
            Object(html, thread.Frame, analysisPath);
            if (thread.Local is { } local)
            {
                html.Append(", local <code>").Escaped(local, MaxName).Append("</code>");
            }

            html.Append("</dd>\n");
        }

        foreach (var line in SiteText.AllocatedAt(suspect.AllocatedAt))
        {
            Term(html, "allocated").Escaped(line["allocated ".Length..], 3 * MaxName).Append("</dd>\n");
        }

        html.Append("</dl>\n");
        Accumulated(html, suspect);
        foreach (var sample in suspect.SamplePaths)
        {
            html.Append("<p>sample path: ");
            PathText(html, sample);
            html.Append("</p>\n");
        }

        html.Append("</section>\n");
    }

    private static StringBuilder Term(StringBuilder html, string term) => html.Append("<dt>").Append(term).Append("</dt><dd>");

    /// <summary>An object's label, and how to go to it in the explorer (a file has no object pages to link to).</summary>
    private static StringBuilder Object(StringBuilder html, ObjectSummary obj, string analysisPath) =>
        html.Append("<code>").Escaped(obj.Label, MaxName).Append("</code> <span class=\"muted\" title=\"")
            .Escaped($"objex {Path.GetFileName(analysisPath)} -c 'go {(int)obj.Id}'", MaxName)
            .Append(CultureInfo.InvariantCulture, $"\">(go {(int)obj.Id})</span>");

    private static void Accumulated(StringBuilder html, Suspect suspect)
    {
        if (suspect.Accumulated.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"accumulated\">\n<tr><th>objects</th><th>type</th><th>retained</th><th>share of the suspect</th><th>held via</th></tr>\n");
        foreach (var group in suspect.Accumulated)
        {
            var share = suspect.RetainedBytes == 0 ? 0 : (double)group.RetainedBytes / suspect.RetainedBytes;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{group.Count:N0}</td><td><code>").Escaped(group.TypeName, MaxName)
                .Append(CultureInfo.InvariantCulture, $"</code></td><td class=\"num\">{ByteSize.Format(group.RetainedBytes)}</td><td class=\"num\">{Suspect.ShareText(share)}</td><td>");
            if (group.PathBelow is { } below)
            {
                html.Append("<code>").Escaped(below, MaxName).Append("</code>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>A reference path as <c>in</c> prints it, its middle left out past 2 × <see cref="PathEnds"/> steps.</summary>
    private static void PathText(StringBuilder html, RootPath path)
    {
        html.Append("<code class=\"path\">").Escaped(path.Root.Label, MaxName);
        var steps = path.Steps;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps.Count > 2 * PathEnds && i == PathEnds)
            {
                // The query layer may have cut a long path already: its elision step counts the references it left out.
                var hidden = 0;
                for (var h = PathEnds; h < steps.Count - PathEnds; h++)
                {
                    hidden += Math.Max(1, steps[h].Skipped);
                }

                html.Append(CultureInfo.InvariantCulture, $"<span class=\"muted\">…{hidden:N0} steps…</span>");
                i = steps.Count - PathEnds - 1;
                continue;
            }

            html.Escaped(steps[i].Edge, MaxName);
        }

        html.Append("</code>");
    }

    private static void Footer(StringBuilder html, SuspectReport report, int written)
    {
        var garbage = report.Garbage;
        html.Append("<h2 id=\"garbage\">Garbage</h2>\n");
        if (garbage.Bytes == 0)
        {
            html.Append("<p>No garbage: no reference cycle was waiting for the collector.</p>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p>Reference cycles waiting for the collector: {ByteSize.Format(garbage.Bytes)} ({Suspect.ShareText(Share(garbage.Bytes, report))} of the heap), {garbage.Objects:N0} objects in {garbage.Entries:N0} cycles. Mostly:</p>\n<table>\n<tr><th>objects</th><th>type</th><th>bytes</th></tr>\n");
            foreach (var type in garbage.Types)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{type.Objects:N0}</td><td><code>").Escaped(type.TypeName, MaxName)
                    .Append(CultureInfo.InvariantCulture, $"</code></td><td class=\"num\">{ByteSize.Format(type.Bytes)}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2 id=\"thread-stacks\">Kept alive only by thread stacks</h2>\n<p>");
        if (report.ThreadStacksBytes == 0)
        {
            html.Append("Nothing: no object is kept alive only by a thread's stack.");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture,
                $"{ByteSize.Format(report.ThreadStacksBytes)} ({Suspect.ShareText(Share(report.ThreadStacksBytes, report))} of the heap): what frames' locals alone keep alive");
            var first = true;
            for (var i = 0; i < written; i++)
            {
                if (report.Suspects[i].Bucket == ObjId.ThreadStacksRoot)
                {
                    html.Append(first ? "; of it, suspect " : ", ").Append(CultureInfo.InvariantCulture, $"<a href=\"#suspect-{i + 1}\">{i + 1}</a>");
                    first = false;
                }
            }

            html.Append('.');
        }

        html.Append("</p>\n<p class=\"muted\">Each <code>(go N)</code> is the object's id: <code>go N</code> in the explorer (<code>objex ANALYSIS</code>) goes to it.</p>\n");
    }

    private static double Share(long bytes, SuspectReport report) => report.HeapBytes == 0 ? 0 : (double)bytes / report.HeapBytes;
}
