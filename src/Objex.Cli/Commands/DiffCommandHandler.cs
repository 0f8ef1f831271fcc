using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Objex.Analysis;
using Objex.Cli.Attach;
using Objex.Cli.Terminal;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>
/// `objex diff A B [C] [--json] [--force] [--limit N] [--by-site]`: what grew between two dumps of one process (analysis databases,
/// or dumps, analysed once into a cache beside them) — a header (both dumps, their times and RSS, the total growth),
/// the accumulation points as numbered entries, then the per-type table; with a third dump, what grew in both
/// intervals and what A→B left alive in C (<see cref="ThreeDumpText"/>). When the later dump has allocation sites, each
/// growth entry names where its new objects were allocated, and <c>--by-site</c> adds the new objects by site. The query layer (<see cref="HeapDiff"/>,
/// <see cref="ThreeDumpDiff"/>) decides; this only formats.
/// </summary>
internal static class DiffCommandHandler
{
    private static readonly Argument<string> s_a = new("A") { Description = "The earlier dump, or its analysis database" };
    private static readonly Argument<string> s_b = new("B") { Description = "The later dump of the same process, or its analysis database" };
    private static readonly Argument<string?> s_c = new("C")
    {
        Arity = ArgumentArity.ZeroOrOne,
        Description = "A third, still later dump: what grew in both intervals, and what was made between A and B and is alive in C",
    };
    private static readonly Option<bool> s_json = new("--json") { Description = "Print the whole comparison as JSON" };
    private static readonly Option<bool> s_force = new("--force") { Description = "Compare dumps of different processes (matched by type and path only)" };
    private static readonly Option<int> s_limit = new("--limit")
    {
        Description = "Growth entries and types listed (default 20)",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<bool> s_bySite = new("--by-site")
    {
        Description = "Add the new objects and their bytes per allocation site (the program traced with tracemalloc)",
    };

    private static readonly JsonSerializerOptions s_jsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal static void Register(RootCommand root)
    {
        var command = new Command("diff", "What grew between two dumps of one process: accumulation points and per-type deltas")
        {
            s_a,
            s_b,
            s_c,
            s_json,
            s_force,
            s_limit,
            s_bySite,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(
            [parse.GetValue(s_a)!, parse.GetValue(s_b)!, .. parse.GetValue(s_c) is { } c ? [c] : Array.Empty<string>()],
            parse.GetValue(s_json), parse.GetValue(s_force), new TextOptions(Math.Max(parse.GetValue(s_limit), 1), parse.GetValue(s_bySite)), cancel)));
        root.Subcommands.Add(command);
    }

    /// <summary>What the text shows: how many entries and types, and whether the new objects by site.</summary>
    internal readonly record struct TextOptions(int Limit, bool BySite);

    private static int Run(string[] paths, bool json, bool force, TextOptions options, CancellationToken cancel)
    {
        string output;
        try
        {
            var sessions = OpenAll(paths, cancel);
            try
            {
                output = sessions.Length == 3
                    ? Output(ThreeDumpDiff.Compare(sessions[0], sessions[1], sessions[2], force, cancel), json, ThreeDumpText.Text, options)
                    : Output(HeapDiff.Compare(sessions[0], sessions[1], force, cancel), json, Text, options);
            }
            finally
            {
                foreach (var session in sessions)
                {
                    session.Dispose();
                }
            }
        }
        catch (ObjexFileException e)
        {
            return CliErrors.Report(e);
        }
        catch (QueryException e)
        {
            Console.Error.WriteLine($"objex: {e.Message}");
            return CliErrors.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("objex: diff cancelled");
            return 130;
        }

        Console.Out.Write(output);
        return 0;
    }

    private static string Output<T>(T diff, bool json, Func<T, TextOptions, string> text, TextOptions options) =>
        json ? JsonSerializer.Serialize(diff, s_jsonOptions) + "\n" : text(diff, options);

    /// <summary>
    /// Opens every file, the first on this thread and the others beside it (0.3 s each at a million objects); the first
    /// file's problem (in the order given) is the one reported, and whatever did open is closed.
    /// </summary>
    private static QuerySession[] OpenAll(string[] paths, CancellationToken cancel)
    {
        var later = new Task<QuerySession>[paths.Length - 1];
        for (var i = 1; i < paths.Length; i++)
        {
            var path = paths[i];
            later[i - 1] = Task.Run(() => OpenOrAnalyse(path, cancel), cancel);
        }

        var sessions = new List<QuerySession>(paths.Length);
        Exception? problem = null;
        for (var i = 0; i < paths.Length; i++)
        {
            try
            {
                sessions.Add(i == 0 ? OpenOrAnalyse(paths[0], cancel) : later[i - 1].GetAwaiter().GetResult());
            }
            catch (Exception e) when (e is ObjexFileException or OperationCanceledException)
            {
                problem ??= e;
            }
        }

        if (problem is not null)
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(problem);
        }

        return [.. sessions];
    }

    /// <summary>
    /// An analysis database as it is, or a dump analysed into <c>NAME.analysis.db</c> beside it (with progress on a
    /// terminal), which later diffs reuse while it is newer than the dump: `objex capture` and `dump_on_signal`
    /// leave dumps, and a user diffs them as they are.
    /// </summary>
    internal static QuerySession OpenOrAnalyse(string path, CancellationToken cancel)
    {
        try
        {
            return QuerySession.Open(path);
        }
        catch (DumpNotAnalyzedException)
        {
            var analysis = DumpPath.AnalysisFor(path);
            if (!File.Exists(analysis) || File.GetLastWriteTimeUtc(analysis) < File.GetLastWriteTimeUtc(path))
            {
                using var progress = TerminalProgress.ForStandardError();
                AnalysisBuilder.Build(path, analysis, force: true, progress, cancel);
            }

            return QuerySession.Open(analysis);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> (a dump analysed once, as <see cref="OpenOrAnalyse"/>) and attaches it as
    /// <paramref name="session"/>'s baseline (the REPL's <c>diff A</c>, explore's and web's <c>--baseline A</c>).
    /// </summary>
    /// <exception cref="QueryException">One line: a bad file, the same file, or a dump of another process.</exception>
    internal static HeapDiff AttachBaseline(QuerySession session, string path, CancellationToken cancel)
    {
        try
        {
            using var baseline = OpenOrAnalyse(path, cancel);
            return session.AttachBaseline(baseline, cancel);
        }
        catch (ObjexFileException e)
        {
            throw new QueryException(e.Message);
        }
    }

    private static string Text(HeapDiff diff, TextOptions options)
    {
        var limit = options.Limit;
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"A: {Side(diff.A)}\n");
        text.Append(CultureInfo.InvariantCulture, $"B: {Side(diff.B)}\n");
        text.Append(CultureInfo.InvariantCulture, $"{TotalGrowth(diff)}\n");
        Forced(text, diff.MatchedByAddress);

        text.Append('\n');
        if (diff.Growth.Count == 0)
        {
            text.Append("Nothing accumulated: no place holds more objects of a type than in A.\n");
        }
        else
        {
            text.Append("What grew (objects of one type at one place, most retained growth first):\n");
            for (var i = 0; i < Math.Min(limit, diff.Growth.Count); i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{i + 1,3} - {GrowthLine(diff.Growth[i])}\n");
                AllocatedAt(text, diff.Growth[i].AllocatedAt);
            }

            More(text, diff.Growth.Count - limit, "places");
        }

        text.Append('\n');
        TypeTable(text, diff, limit);
        if (options.BySite)
        {
            SitesTable(text, "A→B", diff.Sites, limit);
        }

        return text.ToString();
    }

    /// <summary>The per-type table (new, freed, surviving, Δ bytes and retained) of the <paramref name="limit"/> types that grew most, as the CLI and the REPL print it.</summary>
    internal static void TypeTable(System.Text.StringBuilder text, HeapDiff diff, int limit, string moreHint = MoreHint)
    {
        text.Append("Per type (largest growth of their own bytes first):\n");
        var changed = diff.Types.Where(t => t.Changed).ToList();
        text.Append(CultureInfo.InvariantCulture,
            $"  {"type",-32} {"count A",10} {"count B",10} {"new",9} {"freed",9} {"surviving",10} {"bytes Δ",11} {"retained Δ",11}\n");
        foreach (var t in changed.Take(limit))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  {Cut(t.TypeName, 32),-32} {t.CountA,10:N0} {t.CountB,10:N0} {Count(t.NewObjects),9} {Count(t.FreedObjects),9} {Count(t.Surviving),10} "
                + $"{Signed(t.BytesDelta, bytes: true),11} {Signed(t.RetainedDelta, bytes: true),11}\n");
        }

        More(text, changed.Count - limit, "types", moreHint);
    }

    /// <summary>Under a growth line: where its new objects were allocated, one line per site; nothing without sites.</summary>
    internal static void AllocatedAt(System.Text.StringBuilder text, SiteBreakdown? breakdown)
    {
        foreach (var line in SiteText.AllocatedAt(breakdown))
        {
            text.Append("        ").Append(line).Append('\n');
        }
    }

    /// <summary><c>--by-site</c>: an interval's new objects by allocation site, most bytes first, or why there are none.</summary>
    internal static void SitesTable(System.Text.StringBuilder text, string interval, IReadOnlyList<SiteTotal>? sites, int limit)
    {
        if (sites is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nNew objects by allocation site ({interval}): the later dump has no allocation sites (the program did not trace with tracemalloc).\n");
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"\nNew objects by allocation site ({interval}, most bytes first):\n");
        foreach (var site in sites.Take(limit))
        {
            text.Append("  +").Append(SiteText.Row(site)).Append('\n');
        }

        More(text, sites.Count - limit, "sites");
    }

    /// <summary>The header's third line: <c>growth: +5,409 objects, +2.0 MiB in Python objects, RSS +5.6 MiB</c>.</summary>
    internal static string TotalGrowth(HeapDiff diff) => $"growth: {Growth(diff.A, diff.B)}";

    /// <summary>A growth entry as the CLI and the REPL list it: <c>+1,800 app.UserSession (+2.0 MiB retained) &lt;module app&gt;.SESSIONS[*]</c>.</summary>
    internal static string GrowthLine(GrowthEntry g) => GrowthLine(g.CountDelta, g.TypeName, g.RetainedDelta, g.Path);

    /// <summary>The same line for any growth: a two-dump entry, or a three-dump trend's sum over its intervals.</summary>
    internal static string GrowthLine(long countDelta, string typeName, long retainedDelta, NormalisedRootPath path) =>
        $"{Signed(countDelta)} {typeName} ({Signed(retainedDelta, bytes: true)} retained) {path.Text}";

    /// <summary>The total growth from one dump to a later one: objects, their bytes, and RSS when both recorded it.</summary>
    internal static string Growth(DiffSide from, DiffSide to)
    {
        var rss = from.RssBytes is { } ra && to.RssBytes is { } rb ? $", RSS {Signed(rb - ra, bytes: true)}" : "";
        return $"{Signed(to.Objects - from.Objects)} objects, {Signed(to.ShallowBytes - from.ShallowBytes, bytes: true)} in Python objects{rss}";
    }

    internal static void Forced(System.Text.StringBuilder text, bool matchedByAddress)
    {
        if (!matchedByAddress)
        {
            text.Append("(--force: objects matched by type and path only; new, freed and surviving not known)\n");
        }
    }

    internal static string Side(DiffSide side)
    {
        var rss = side.RssBytes is { } r ? $", RSS {ByteSize.Format(r)}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{side.Path} (dump {side.DumpFile} of pid {side.Pid} at {side.Timestamp}{rss}, {side.Objects:N0} objects, {ByteSize.Format(side.ShallowBytes)})");
    }

    /// <summary>How the CLI's reader sees the rest of a cut list.</summary>
    private const string MoreHint = "(--limit, --json)";

    internal static void More(System.Text.StringBuilder text, int more, string what, string hint = MoreHint)
    {
        if (more > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  … and {more:N0} more {what} {hint}\n");
        }
    }

    private static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    internal static string Signed(long value, bool bytes = false)
    {
        var magnitude = bytes ? ByteSize.Format(Math.Abs(value)) : Math.Abs(value).ToString("N0", CultureInfo.InvariantCulture);
        return (value < 0 ? "-" : "+") + magnitude;
    }
}
