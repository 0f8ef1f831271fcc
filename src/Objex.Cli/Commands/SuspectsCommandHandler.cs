using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Objex.Cli.Terminal;
using Objex.Query;

namespace Objex.Cli.Commands;

/// <summary>
/// <c>objex suspects ANALYSIS [--threshold PCT] [--json]</c>: the leak named in one command (MAT's leak suspects).
/// Prints each suspect as <c>Suspect N: …</c> with its details, then the garbage and what only thread stacks keep;
/// <c>--json</c> writes the query layer's report as is, for CI.
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
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetValue(s_analysis)!, result.GetValue(s_threshold) / 100, result.GetValue(s_json), cancellationToken)));
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

    private static int Run(string path, double threshold, bool json, CancellationToken cancellationToken) => AnalysisSession.Run(path, session =>
    {
        var report = session.Suspects(threshold, cancellationToken);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, s_jsonOptions));
            return 0;
        }

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

        return 0;
    });
}
