using System.CommandLine;
using System.Text.Json;
using Objex.Cli.Repl;
using Objex.Cli.Terminal;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>
/// <c>objex summary ANALYSIS [--json]</c>: where the process's resident memory was when the dump started, as a
/// table that adds up to RSS; <c>--json</c> writes <c>rss.total_bytes</c>, one <c>rss.*_bytes</c> per part
/// (<c>rss.unknown_bytes</c> among them) and the advice, for CI.
/// </summary>
internal static class SummaryCommandHandler
{
    private static readonly Argument<string> s_analysis = new("ANALYSIS") { Description = "The analysis database (made by make-analysis-db)" };

    private static readonly Option<bool> s_json = new("--json") { Description = "Write the breakdown as JSON (for CI)" };

    private static readonly JsonSerializerOptions s_jsonOptions = new() { WriteIndented = true };

    internal static void Register(RootCommand root)
    {
        var command = new Command("summary", "Show where the dumped process's resident memory (RSS) was: Python objects, buffers, allocator free space, native heap, code, stacks, unknown");
        command.Arguments.Add(s_analysis);
        command.Options.Add(s_json);
        command.SetAction(result => Run(result.GetValue(s_analysis)!, result.GetValue(s_json)));
        root.Subcommands.Add(command);
    }

    private static int Run(string path, bool json) => AnalysisSession.Run(path, session =>
    {
        var rss = session.Rss();
        if (rss is null)
        {
            return CliErrors.Report(new ObjexFileException(path, "records no memory measurements (made by an older collector or the original objex): no RSS breakdown"));
        }

        if (json)
        {
            Console.Out.WriteLine(Json(rss));
            return 0;
        }

        foreach (var line in RssBreakdownText.Table(rss))
        {
            Console.Out.WriteLine(line);
        }

        return 0;
    });

    private static string Json(RssBreakdown rss)
    {
        var fields = new Dictionary<string, long> { ["total_bytes"] = rss.TotalBytes };
        foreach (var part in rss.Parts)
        {
            fields[part.Key + "_bytes"] = part.Bytes;
        }

        fields["allocator_free_reported_bytes"] = rss.AllocatorFreeReportedBytes;
        fields["malloc_releasable_bytes"] = rss.MallocReleasableBytes;
        var document = new Dictionary<string, object> { ["rss"] = fields, ["advice"] = rss.Advice };
        return JsonSerializer.Serialize(document, s_jsonOptions);
    }
}
