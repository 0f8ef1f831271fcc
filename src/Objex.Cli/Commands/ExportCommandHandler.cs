using System.CommandLine;
using System.CommandLine.Parsing;
using Objex.Cli.Attach;
using Objex.Cli.Terminal;
using Objex.Export;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>
/// <c>objex export ANALYSIS OUT [--format heapsnapshot|parquet|dot] [--force] …</c>: the heap in formats other tools
/// read. The format is named by <c>--format</c> or by OUT's extension; every output is written to a temporary file
/// or folder beside OUT and renamed into place when complete (docs/export.md).
/// </summary>
internal static class ExportCommandHandler
{
    /// <summary>DevTools reads a snapshot's JSON as one string: beyond about 2 GB it gives up.</summary>
    private const long DefaultMaxBytes = 2L << 30;

    private static readonly Argument<string> s_analysis = new("ANALYSIS") { Description = "The analysis database (made by make-analysis-db)" };
    private static readonly Argument<string> s_output = new("OUT") { Description = "The file (.heapsnapshot, .dot) or, for Parquet, the folder to write" };

    private static readonly Option<string?> s_format = new("--format")
    {
        Description = "heapsnapshot (Chrome DevTools, memlab), parquet (a folder of tables: DuckDB, Spark, pandas) or dot (Graphviz); by default from OUT's extension",
        CustomParser = ParseFormat,
    };

    private static readonly Option<bool> s_force = new("--force") { Description = "Replace OUT if it exists" };
    private static readonly Option<string?> s_maxBytes = new("--max-bytes") { Description = "heapsnapshot: the largest file to write (default 2G, about what DevTools loads)" };
    private static readonly Option<string?> s_from = new("--from") { Description = "dot: the object to draw (its id, or its label as the REPL prints it: <dict#12>, #12)" };
    private static readonly Option<int> s_depth = new("--depth") { Description = "dot: how many references deep to draw what --from refers to", DefaultValueFactory = _ => 2 };
    private static readonly Option<bool> s_toRoots = new("--to-roots") { Description = "dot: draw the shortest paths from modules and thread stacks to --from instead" };
    private static readonly Option<bool> s_svg = new("--svg") { Description = "dot: also render OUT as SVG beside it (OUT with .svg), with Graphviz's dot" };

    internal static void Register(RootCommand root)
    {
        var command = new Command("export", "Write the heap in a format other tools read: .heapsnapshot (DevTools, memlab), Parquet (DuckDB, Spark), .dot (Graphviz)")
        {
            s_analysis, s_output, s_format, s_force, s_maxBytes, s_from, s_depth, s_toRoots, s_svg,
        };
        command.SetAction((result, cancel) => Task.FromResult(Run(result, cancel)));
        root.Subcommands.Add(command);
    }

    private static string? ParseFormat(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (text is "heapsnapshot" or "parquet" or "dot")
        {
            return text;
        }

        result.AddError($"--format: expected heapsnapshot, parquet or dot, not '{text}'");
        return null;
    }

    private static int Run(ParseResult result, CancellationToken cancel)
    {
        var analysis = result.GetValue(s_analysis)!;
        var output = result.GetValue(s_output)!;
        try
        {
            var format = result.GetValue(s_format) ?? FormatOf(output);
            var maxBytes = MaxBytes(result.GetValue(s_maxBytes));
            CheckOptions(result, format);
            using var session = QuerySession.Open(analysis);
            var force = result.GetValue(s_force);
            return format switch
            {
                "heapsnapshot" => WriteHeapSnapshot(session.Snapshot, output, force, maxBytes, cancel),
                "parquet" => WriteParquet(session.Snapshot, output, force, cancel),
                _ => DotExport.Write(session, output, force, new DotRequest(result.GetValue(s_from)!, result.GetValue(s_depth), result.GetValue(s_toRoots), result.GetValue(s_svg)), cancel),
            };
        }
        catch (ObjexFileException error)
        {
            return CliErrors.Report(error);
        }
        catch (QueryException error)
        {
            Console.Error.WriteLine($"objex: export: {error.Message}");
            return CliErrors.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("objex: export cancelled; nothing was written");
            return 130;
        }
    }

    /// <summary>The dot options go with the dot format only, and it needs --from.</summary>
    private static void CheckOptions(ParseResult result, string format)
    {
        var dotOptions = new Option[] { s_from, s_toRoots, s_svg, s_depth }.Where(option => result.GetResult(option) is { Implicit: false }).Select(option => option.Name).ToList();
        if (format != "dot" && dotOptions.Count > 0)
        {
            throw new QueryException($"{string.Join(", ", dotOptions)}: only for the dot format (a .dot OUT or --format dot)");
        }

        if (format == "dot" && result.GetValue(s_from) is null)
        {
            throw new QueryException("the dot format draws one object's neighbourhood: say which with --from ID");
        }

        if (format == "dot" && result.GetValue(s_depth) is < 1 or > 10)
        {
            throw new QueryException("--depth: expected 1 to 10 references");
        }

        if (format != "heapsnapshot" && result.GetResult(s_maxBytes) is { Implicit: false })
        {
            throw new QueryException("--max-bytes: only for the heapsnapshot format");
        }
    }

    /// <summary>The format OUT's extension names; a folder (no extension) is not guessed: Parquet is asked for.</summary>
    private static string FormatOf(string output) => Path.GetExtension(output).ToLowerInvariant() switch
    {
        ".heapsnapshot" => "heapsnapshot",
        ".dot" or ".gv" => "dot",
        var extension => throw new ObjexFileException(
            output,
            (extension.Length == 0 ? "no extension" : $"unknown extension {extension}") +
            ": name a .heapsnapshot or .dot file, or say --format heapsnapshot|parquet|dot"),
    };

    private static long MaxBytes(string? text)
    {
        if (text is null)
        {
            return DefaultMaxBytes;
        }

        return SizeArgument.TryParse(text, out var bytes) && bytes > 0
            ? bytes
            : throw new ObjexFileException("--max-bytes", $"{text} is not a size (examples: 500M, 4G)");
    }

    private static int WriteHeapSnapshot(HeapSnapshot snapshot, string output, bool force, long maxBytes, CancellationToken cancel)
    {
        var estimate = DevToolsSnapshot.EstimateBytes(snapshot.ObjectCount, snapshot.EdgeCount);
        if (estimate > maxBytes)
        {
            throw new ObjexFileException(
                snapshot.Path,
                $"{snapshot.ObjectCount:N0} objects and {snapshot.EdgeCount:N0} references make about {ByteSize.Format(estimate)} of JSON, " +
                $"more than DevTools loads ({ByteSize.Format(maxBytes)}): pass --max-bytes to write it anyway, or export --format parquet");
        }

        long written = 0;
        WriteThrough(snapshot, output, isFolder: false, force, temp =>
        {
            using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
            written = DevToolsSnapshot.Write(snapshot, stream, cancel);
        });
        Console.Out.WriteLine($"wrote {output}: {snapshot.ObjectCount:N0} objects, {snapshot.EdgeCount:N0} references, {ByteSize.Format(written)}");
        return 0;
    }

    private static int WriteParquet(HeapSnapshot snapshot, string output, bool force, CancellationToken cancel)
    {
        WriteThrough(snapshot, output, isFolder: true, force, folder => ParquetExport.WriteAsync(snapshot, folder, cancel).GetAwaiter().GetResult());
        var sizes = ParquetExport.Files.Select(name => $"{name} {ByteSize.Format(new FileInfo(Path.Combine(output, name)).Length)}");
        Console.Out.WriteLine($"wrote {output}: {snapshot.ObjectCount:N0} objects, {snapshot.EdgeCount:N0} references ({string.Join(", ", sizes)})");
        return 0;
    }

    /// <summary>Runs <paramref name="write"/> on a temporary file or folder beside OUT, renamed to OUT when it is complete; nothing is left otherwise.</summary>
    internal static void WriteThrough(HeapSnapshot snapshot, string output, bool isFolder, bool force, Action<string> write)
    {
        using var target = ExportOutput.Begin(snapshot.Path, output, isFolder, force);
        try
        {
            write(target.TempPath);
            target.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw target.Failed(e);
        }
    }
}
