using System.Text.Json;
using Objex.Cli.Tests.Support;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Tests;

/// <summary>
/// <c>objex suspects</c> and <see cref="QuerySession.Suspects"/> on real leaks of known shape (Targets/leak_*.py, dumped
/// by CPython 3.11 and analysed by the real make-analysis-db) and on a healthy heap: the first suspect's accumulation
/// point and accumulated type exactly, and the lines a user reads.
/// </summary>
public sealed class SuspectsTests
{
    [Fact]
    public void Should_name_a_class_registry_and_the_orders_it_keeps()
    {
        using var heap = new TargetHeap("leak_class_registry.py");
        using var session = QuerySession.Open(heap.AnalysisDb);

        var report = session.Suspects();

        var first = report.Suspects[0];
        Assert.Equal(SuspectKind.Single, first.Kind);
        Assert.Equal("<module shop>.Order.REGISTRY", first.Where.Text);
        Assert.Equal("dict", first.AccumulationPoint.TypeName);
        Assert.Equal(first.Holder, first.AccumulationPoint);
        Assert.Equal(ObjId.ModulesRoot, first.Bucket);
        Assert.Equal(("shop.Order", 20_000L, "[*]"), (first.Accumulated[0].TypeName, first.Accumulated[0].Count, first.Accumulated[0].PathBelow));
        Assert.True(first.HeapShare > 0.5, $"the registry holds most of the heap, not {first.HeapShare}");
        Assert.Single(report.Suspects);

        var result = Processes.Objex(["suspects", heap.AnalysisDb]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.StartsWith("Suspect 1: <module shop>.Order.REGISTRY (dict) holds 20,000 × shop.Order (", lines[0]);
        Assert.EndsWith("of the heap)", lines[0]);
        Assert.Matches(@"^    retains \d+\.\d MiB \(\d+% of the heap\), held from modules$", lines[1]);
        Assert.Matches(@"^    root path: <module shop#\d+>\.Order\.REGISTRY$", lines[3]);
        Assert.Contains(lines, line => line.StartsWith("      20,000 × shop.Order, ", StringComparison.Ordinal) && line.EndsWith(" via [*]", StringComparison.Ordinal));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^    sample path: <dict#\d+>\[\d+\]$"));
        Assert.Single(lines, line => line.StartsWith("Suspect ", StringComparison.Ordinal));

        // The REPL lists the same suspects as numbered options; the number goes to the accumulation point.
        var repl = Processes.Objex([heap.AnalysisDb, "-c", "suspects; 1; suspects 0"]);

        Assert.Equal(1, repl.ExitCode);
        Assert.StartsWith("  1 - " + lines[0] + "\n" + lines[1] + "\n", repl.Stdout);
        Assert.Matches(@"\nNow at: <dict#\d+> \(size=\d+, refcount=1, len=20000\)\n", repl.Stdout);
        Assert.Contains("suspects: expected a percentage of the heap, more than 0 and at most 100, not 0", repl.Stdout + repl.Stderr);
    }

    [Fact]
    public void Should_name_the_thread_frame_and_local_that_hold_a_batch()
    {
        using var heap = new TargetHeap("leak_thread_local.py");
        using var session = QuerySession.Open(heap.AnalysisDb);

        var first = session.Suspects().Suspects[0];

        Assert.Equal("<frame hold_batch>.locals['batch']", first.Where.Text);
        Assert.Equal("list", first.AccumulationPoint.TypeName);
        Assert.Equal(ObjId.ThreadStacksRoot, first.Bucket);
        Assert.Equal(("__main__.Job", 15_000L), (first.Accumulated[0].TypeName, first.Accumulated[0].Count));
        var thread = Assert.IsType<SuspectThread>(first.Thread);
        Assert.Equal(("batcher", "batch"), (thread.ThreadName, thread.Local));
        Assert.StartsWith("<frame hold_batch#", thread.Frame.Label);

        var result = Processes.Objex(["suspects", heap.AnalysisDb]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Suspect 1: <frame hold_batch>.locals['batch'] (list) holds 15,000 × __main__.Job (", result.Stdout);
        Assert.Matches(@"\n    thread: batcher, frame <frame hold_batch#\d+>, local 'batch'\n", result.Stdout);
        Assert.Matches(@"\nKept alive only by thread stacks: \d+\.\d MiB \(\d+% of the heap\)\n", result.Stdout);
    }

    [Theory]
    [InlineData("leak_lru_cache.py", "functools._lru_cache_wrapper", "<module __main__>.render.<cache>", "dict", "bytes", 10_000)]
    [InlineData("leak_log_buffer.py", "logging.handlers.MemoryHandler", "<module __main__>.handler.buffer", "list", "logging.LogRecord", 8_000)]
    public void Should_walk_from_the_holder_down_to_its_buffer(string target, string holder, string where, string pointType, string accumulatedType, long count)
    {
        using var heap = new TargetHeap(target);
        using var session = QuerySession.Open(heap.AnalysisDb);

        var first = session.Suspects().Suspects[0];

        Assert.Equal(holder, first.Holder.TypeName);
        Assert.Equal((where, pointType), (first.Where.Text, first.AccumulationPoint.TypeName));
        Assert.Equal((accumulatedType, count), (first.Accumulated[0].TypeName, first.Accumulated[0].Count));
        Assert.StartsWith($"{where} ({pointType}) holds {count:N0} × {accumulatedType} (", first.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_blame_the_strong_list_and_never_the_weak_cache_beside_it()
    {
        using var heap = new TargetHeap("leak_strong_beside_weak.py");
        using var session = QuerySession.Open(heap.AnalysisDb);

        var report = session.Suspects(0.01);

        var first = report.Suspects[0];
        Assert.Equal("<module web>.AUDIT", first.Where.Text);
        Assert.Equal(("list", "web.Session", 12_000L), (first.AccumulationPoint.TypeName, first.Accumulated[0].TypeName, first.Accumulated[0].Count));
        // Even at 1%, the weak cache is at most a suspect for its own weak references, never for the Sessions.
        Assert.DoesNotContain(report.Suspects.Skip(1), s => s.Accumulated.Any(g => g.TypeName == "web.Session"));
        Assert.Single(session.Suspects().Suspects);
    }

    [Fact]
    public void Should_group_exceptions_each_in_a_garbage_cycle_with_its_traceback()
    {
        using var heap = new TargetHeap("leak_tracebacks.py");
        using var session = QuerySession.Open(heap.AnalysisDb);

        var report = session.Suspects();

        var first = report.Suspects[0];
        Assert.Equal(SuspectKind.Group, first.Kind);
        Assert.Equal(("ValueError", 8_000L, ObjId.UnreachableRoot), (first.Holder.TypeName, first.Count, first.Bucket));
        Assert.True(report.Garbage.Bytes >= first.RetainedBytes);

        var result = Processes.Objex(["suspects", heap.AnalysisDb]);

        Assert.StartsWith("Suspect 1: 8,000 × ValueError, each kept alive on its own (garbage: reference cycles waiting for the collector), hold ", result.Stdout);
        Assert.Matches(@"\nGarbage \(reference cycles waiting for the collector\): \d+\.\d MiB \(\d+% of the heap\) in 8,0\d\d cycles, mostly .*8,000 × ValueError", result.Stdout);
    }

    [Fact]
    public void Should_say_so_when_a_healthy_heap_has_no_suspect_and_write_json_for_ci()
    {
        using var heap = new TargetHeap("healthy.py");

        var result = Processes.Objex(["suspects", heap.AnalysisDb]);
        var json = Processes.Objex(["suspects", heap.AnalysisDb, "--json", "--threshold", "0.3"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^No suspect: nothing retains 10% of the heap \(\d+\.\d KiB of \d+\.\d MiB\) or more\.\n", result.Stdout);
        Assert.DoesNotContain("Suspect ", result.Stdout);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        var suspects = document.RootElement.GetProperty("suspects");
        Assert.Equal(0.003, document.RootElement.GetProperty("threshold").GetDouble(), 6);
        // At 0.3% every table passes, each its own single suspect holding its 200 bytes objects.
        var tables = suspects.EnumerateArray().Where(s => s.GetProperty("where").GetProperty("text").GetString()!.StartsWith("<module calm>.TABLE_", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, tables.Count);
        Assert.All(tables, s => Assert.Equal(("Single", "bytes", 200), (s.GetProperty("kind").GetString(), s.GetProperty("accumulated")[0].GetProperty("typeName").GetString(), s.GetProperty("accumulated")[0].GetProperty("count").GetInt32())));
    }

    [Fact]
    public void Should_walk_a_100000_link_chain_down_to_its_end_without_recursion()
    {
        using var heap = new TwoHoldersHeap();
        using var session = QuerySession.Open(heap.AnalysisDb);

        var chain = session.Suspects(0.01).Suspects.Single(s => s.Where.Text.StartsWith("<module store>.CHAIN", StringComparison.Ordinal));

        // Each Link keeps the rest alive: the descent follows .next while the rest is 70% of a Link's share, i.e. to the last few.
        Assert.Equal("store.Link", chain.AccumulationPoint.TypeName);
        Assert.True(session.Snapshot.ModuleTree.Distance(chain.AccumulationPoint.Id) > 99_990);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100.5")]
    [InlineData("ten")]
    public void Should_refuse_a_threshold_outside_0_to_100_in_one_line(string threshold)
    {
        var result = Processes.Objex(["suspects", "whatever.db", "--threshold", threshold]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal($"objex: --threshold: expected a percentage of the heap, more than 0 and at most 100, not '{threshold}' (see objex suspects --help)", line);
    }

    [Fact]
    public void Should_refuse_a_dump_and_an_analysis_of_another_format_version_in_one_line()
    {
        using var heap = new TargetHeap("healthy.py");
        var older = heap.CopyOfAnalysis();
        SqliteFile.Execute(older, "UPDATE meta SET analysis_format_version = 1");

        var dump = Processes.Objex(["suspects", heap.DumpDb]);
        var version = Processes.Objex(["suspects", older]);

        foreach (var (result, problem) in new[] { (dump, "make-analysis-db"), (version, "analysis format 1") })
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.Stdout);
            var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("objex: ", line);
            Assert.Contains(problem, line);
        }
    }
}
