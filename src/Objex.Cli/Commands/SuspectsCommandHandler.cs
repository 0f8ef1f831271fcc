using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Objex.Analysis;
using Objex.Cli.Terminal;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>
/// <c>objex suspects ANALYSIS [--threshold PCT] [--by-site] [--json | --html REPORT [--force]]</c>: the leak named in one
/// command (MAT's leak suspects). Prints each suspect as <c>Suspect N: …</c> with its details, then the garbage and what
/// only thread stacks keep; <c>--json</c> writes the query layer's report as is, for CI; <c>--html</c> writes it as one
/// self-contained page (<see cref="SuspectReportHtml"/>), atomically. <c>--by-site</c> ranks the allocation sites by
/// what their objects keep alive instead (<see cref="QuerySession.SitesByRetained"/>), as text or <c>--json</c>.
/// </summary>
internal static class SuspectsCommandHandler
{
    private static readonly Argument<string> s_analysis = new("ANALYSIS") { Description = "The analysis database (made by make-analysis-db)" };

    private static readonly Option<double> s_threshold = new("--threshold")
    {
        Description = "The share of the heap a suspect retains at least, in percent (more than 0, at most 100)",
        DefaultValueFactory = _ => QuerySession.DefaultSuspectThreshold * 100,
        CustomParser = ParseThreshold,
    };

    private static readonly Option<bool> s_json = new("--json") { Description = "Write the report as JSON (for CI)" };

    private static readonly Option<string> s_html = new("--html")
    {
        Description = "Write the report as one self-contained HTML file (no network; a chart of the heap by suspect)",
        HelpName = "REPORT",
    };

    private static readonly Option<bool> s_force = new("--force") { Description = "Replace the --html file if it exists" };

    private static readonly Option<bool> s_bySite = new("--by-site")
    {
        Description = "Rank the allocation sites by what their objects keep alive (the program traced with tracemalloc)",
    };

    /// <summary>Sites <c>--by-site</c> lists.</summary>
    private const int SitesListed = 20;

    private static readonly JsonSerializerOptions s_jsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    internal static void Register(RootCommand root)
    {
        var command = new Command("suspects", "Name the leak suspects of an analysis database: what retains a large share of the heap, and what accumulates there");
        command.Arguments.Add(s_analysis);
        command.Options.Add(s_threshold);
        command.Options.Add(s_json);
        command.Options.Add(s_html);
        command.Options.Add(s_force);
        command.Options.Add(s_bySite);
        command.Validators.Add(result =>
        {
            if (result.GetValue(s_json) && result.GetValue(s_html) is not null)
            {
                result.AddError("--json and --html: choose one");
            }

            if (result.GetValue(s_bySite) && result.GetValue(s_html) is not null)
            {
                result.AddError("--by-site and --html: choose one (the report names each suspect's sites)");
            }
        });
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetValue(s_analysis)!,
            result.GetValue(s_threshold) / 100,
            result.GetValue(s_bySite) ? (result.GetValue(s_json) ? Face.SitesJson : Face.SitesText)
                : result.GetValue(s_json) ? Face.Json : result.GetValue(s_html) is null ? Face.Text : Face.Html,
            result.GetValue(s_html),
            result.GetValue(s_force),
            cancellationToken)));
        root.Subcommands.Add(command);
    }

    /// <summary>A percentage in (0, 100], said plainly when it is not one.</summary>
    private static double ParseThreshold(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100)
        {
            return percent;
        }

        result.AddError($"--threshold: expected a percentage of the heap, more than 0 and at most 100, not '{text}'");
        return 0;
    }

    private enum Face
    {
        Text,
        Json,
        Html,
        SitesText,
        SitesJson,
    }

    private static int Run(string path, double threshold, Face face, string? htmlPath, bool force, CancellationToken cancellationToken)
    {
        QuerySession session;
        try
        {
            // A report that could not be written is refused before the analysis is opened (seconds at 10 M objects).
            if (htmlPath is not null)
            {
                OutputFile.Check(htmlPath, force, "report");
            }

            session = QuerySession.Open(path);
        }
        catch (ObjexFileException error)
        {
            return CliErrors.Report(error);
        }

        using (session)
        {
            if (session.ObjectCount == 0)
            {
                return CliErrors.Report(new ObjexFileException(path, "the heap is empty (the dump has no objects): nothing can be a suspect"));
            }

            if (face is Face.SitesText or Face.SitesJson)
            {
                return WriteSites(session, path, face == Face.SitesJson, cancellationToken);
            }

            var report = session.Suspects(threshold, cancellationToken);
            switch (face)
            {
                case Face.Json:
                    Console.Out.WriteLine(JsonSerializer.Serialize(report, s_jsonOptions));
                    return 0;
                case Face.Html:
                    return WriteHtml(report, session, path, htmlPath!, force);
                default:
                    WriteText(report);
                    return 0;
            }
        }
    }

    private static int WriteHtml(SuspectReport report, QuerySession session, string analysisPath, string htmlPath, bool force)
    {
        long bytes;
        try
        {
            bytes = OutputFile.WriteAllText(htmlPath, SuspectReportHtml.Write(report, session.Snapshot.Meta, analysisPath), force, "report");
        }
        catch (ObjexFileException error)
        {
            return CliErrors.Report(error);
        }

        var found = report.Suspects.Count switch { 0 => "no suspect", 1 => "1 suspect", var n => $"{n:N0} suspects" };
        Console.Out.WriteLine($"wrote {htmlPath}: {found}, {ByteSize.Format(bytes)}");
        return 0;
    }

    /// <summary><c>--by-site</c>: the sites by what their objects keep alive, or one line when the heap has none.</summary>
    private static int WriteSites(QuerySession session, string path, bool json, CancellationToken cancellationToken)
    {
        if (!session.HasAllocationSites)
        {
            return CliErrors.Report(new ObjexFileException(path, "this heap has no allocation sites (the program did not trace with tracemalloc.start() before the objects were allocated)"));
        }

        var sites = session.SitesByRetained(SitesListed, cancellationToken);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(sites, s_jsonOptions));
            return 0;
        }

        var heap = session.Snapshot.RetainedSize(ObjId.SuperRoot);
        Console.Out.WriteLine($"Allocation sites by what their objects keep alive (each byte once per site), top {SitesListed}:");
        for (var i = 0; i < sites.Count; i++)
        {
            var share = heap == 0 ? 0 : (double)sites[i].RetainedBytes!.Value / heap;
            Console.Out.WriteLine($"{i + 1,3} - {SiteText.Row(sites[i])} ({Suspect.ShareText(share)} of the heap)");
        }

        return 0;
    }

    private static void WriteText(SuspectReport report)
    {
        for (var i = 0; i < report.Suspects.Count; i++)
        {
            var suspect = report.Suspects[i];
            Console.Out.WriteLine(SuspectReportText.Headline(i + 1, suspect));
            foreach (var line in SuspectReportText.Details(suspect, SuspectReportText.Plain, SuspectReportText.Plain))
            {
                Console.Out.WriteLine(line);
            }

            Console.Out.WriteLine();
        }

        foreach (var line in SuspectReportText.Footer(report))
        {
            Console.Out.WriteLine(line);
        }
    }
}
