using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// <c>objex suspects --html</c>: one self-contained file a person opens anywhere, saying what the text report says, with
/// every name from the heap escaped and the whole at most 1 MB (Targets/leak_class_registry.py, Targets/report_stress.py:
/// 1,500 suspects whose global names, class names and thread name carry <c>&lt;script&gt;</c>); and the bad inputs.
/// </summary>
public sealed partial class SuspectsHtmlTests
{
    [Fact]
    public void Should_write_one_self_contained_file_saying_what_the_text_report_says()
    {
        using var heap = new TargetHeap("leak_class_registry.py");
        var report = Path.Combine(heap.Directory, "report.html");
        var text = Processes.Objex(["suspects", heap.AnalysisDb]).Stdout.Split('\n');

        var result = Processes.Objex(["suspects", heap.AnalysisDb, "--html", report]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^wrote .*report\.html: 1 suspect, \d+\.\d KiB\n$", result.Stdout);
        Assert.Equal([report], Directory.GetFiles(heap.Directory, "*.html*"));
        var html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        NothingToLoad(html);
        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
        var page = VisibleText(html);

        // The first suspect's sentence, root path, accumulated types and sample path, as the text report words them.
        Assert.Contains(text[0]["Suspect 1: ".Length..], page, StringComparison.Ordinal);
        Assert.StartsWith("Suspect 1: <module shop>.Order.REGISTRY (dict) holds 20,000 × shop.Order (", text[0], StringComparison.Ordinal);
        Assert.Contains("root path" + text[3]["    root path: ".Length..], page, StringComparison.Ordinal);
        Assert.Matches(@"20,000shop\.Order\d+\.\d MiB\d+%\[\*\]", page);
        Assert.Matches(@"sample path: <dict#\d+>\[\d+\]", page);
        Assert.Matches(@"Garbage\s+Reference cycles waiting for the collector: ", page);
        Assert.Contains("Kept alive only by thread stacks", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<module shop>", html, StringComparison.Ordinal);

        // An existing report is kept unless --force replaces it.
        var again = Processes.Objex(["suspects", heap.AnalysisDb, "--html", report]);
        var forced = Processes.Objex(["suspects", heap.AnalysisDb, "--html", report, "--force", "--threshold", "50"]);

        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"objex: {report}: already exists (pass --force to replace it)\n", again.Stderr);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("A suspect retains at least 50% of it", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_escape_every_name_from_the_heap_and_stay_under_1_MB_with_1500_suspects()
    {
        using var heap = new TargetHeap("report_stress.py");
        var report = Path.Combine(heap.Directory, "stress.html");
        var suspects = Processes.Objex(["suspects", heap.AnalysisDb, "--threshold", "0.01"]).Stdout
            .Split('\n').Count(line => line.StartsWith("Suspect ", StringComparison.Ordinal));

        var result = Processes.Objex(["suspects", heap.AnalysisDb, "--threshold", "0.01", "--html", report]);

        Assert.Equal(0, result.ExitCode);
        Assert.True(suspects > 1_500, $"every global is a suspect at 0.01%, not only {suspects}");
        var bytes = new FileInfo(report).Length;
        Assert.True(bytes <= 1_000_000, $"the report is {bytes:N0} bytes");
        var html = File.ReadAllText(report);
        NothingToLoad(html);

        // Dumped strings are text: no tag they hold reaches the page, and each reads back as it was.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(\"", html, StringComparison.Ordinal);
        var page = VisibleText(html);
        Assert.Contains("thread</title><script>alert(\"thread\")</script>NNNN", page, StringComparison.Ordinal);
        Assert.Matches(@"__main__\.<script>alert\(""type \d+""\)</script>TTTT+…", page);
        Assert.Matches(@"\['<script>alert\(""g\d+""\)</script><script>…'\]\[0\]", page);

        // Bounded: the first 100 suspects, then how many more; a 32-step root path cut in its middle.
        Assert.Equal(100, Regex.Count(html, "<section class=\"suspect\""));
        Assert.Contains($"… {suspects - 100:N0} more suspects (", page, StringComparison.Ordinal);
        Assert.Contains("[0][0]…16 steps…[0][0]", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_a_report_it_cannot_write_and_an_empty_heap_in_one_line()
    {
        using var heap = new TargetHeap("healthy.py");
        Directory.CreateDirectory(Path.Combine(heap.Directory, "a-directory"));
        var empty = EmptyHeap(heap);

        var cases = new (string[] Args, string Line)[]
        {
            (["--html", Path.Combine(heap.Directory, "missing", "r.html")], $"objex: {Path.Combine(heap.Directory, "missing", "r.html")}: cannot be written: directory {Path.Combine(heap.Directory, "missing")} does not exist"),
            (["--html", Path.Combine(heap.Directory, "a-directory")], $"objex: {Path.Combine(heap.Directory, "a-directory")}: is a directory: give the report's file name"),
            (["--html", "/proc/objex-report.html"], "objex: /proc/objex-report.html: cannot be written: /proc does not accept new files"),
            (["--html", Path.Combine(heap.Directory, "r.html"), "--json"], "objex: --json and --html: choose one (see objex suspects --help)"),
        };
        foreach (var (args, line) in cases)
        {
            var result = Processes.Objex(["suspects", heap.AnalysisDb, .. args]);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.Stdout);
            Assert.Equal(line + "\n", result.Stderr);
        }

        Assert.Empty(Directory.GetFiles(heap.Directory, "*.html*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles("/proc", "*objex-report*", SearchOption.TopDirectoryOnly));

        foreach (var args in new[] { new[] { "suspects", empty }, ["suspects", empty, "--html", Path.Combine(heap.Directory, "r.html")] })
        {
            var emptyResult = Processes.Objex(args);

            Assert.Equal(2, emptyResult.ExitCode);
            Assert.Equal("", emptyResult.Stdout);
            Assert.Equal($"objex: {empty}: the heap is empty (the dump has no objects): nothing can be a suspect\n", emptyResult.Stderr);
        }

        Assert.False(File.Exists(Path.Combine(heap.Directory, "r.html")));
    }

    /// <summary>The healthy dump with every object and reference deleted, analysed: a heap of nothing.</summary>
    private static string EmptyHeap(TargetHeap heap)
    {
        var dump = Path.Combine(heap.Directory, "empty.db");
        File.Copy(heap.DumpDb, dump);
        using (var connection = new SqliteConnection($"Data Source={dump};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'meta'";
            var tables = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            command.CommandText = string.Concat(tables.Select(table => $"DELETE FROM \"{table}\";"));
            command.ExecuteNonQuery();
        }

        var analysis = Path.Combine(heap.Directory, "empty.analysis.db");
        var made = Processes.Objex(["make-analysis-db", dump, analysis]);
        Assert.True(made.ExitCode == 0, made.ToString());
        return analysis;
    }

    /// <summary>Nothing a browser would fetch: no script, stylesheet, image, font or frame by address, no URL at all.</summary>
    private static void NothingToLoad(string html)
    {
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(?i)\bsrc\s*=|<link\b|@import|url\(|<iframe|<object|<embed", html);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        Assert.All(Regex.Matches(html, @"href=""([^""]*)""").Select(m => m.Groups[1].Value), href => Assert.StartsWith("#", href, StringComparison.Ordinal));
    }

    /// <summary>What a reader sees: the body's text without tags, entities decoded.</summary>
    private static string VisibleText(string html)
    {
        var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        return WebUtility.HtmlDecode(Tags().Replace(body, ""));
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
