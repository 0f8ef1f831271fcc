using Objex.Cli.Tests.Support;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Tests;

/// <summary>
/// Memory no root reaches, told apart: what C holds (Targets/held_from_c.py: 200 uploads of 50 KB that only
/// atexit's callback list holds) and garbage (Targets/gc_disabled_garbage.py: gc disabled, 1,000 dropped
/// cycles). Totals on the banner, at the top of <c>top retained</c> and in <c>root_summary</c>; <c>in</c> and
/// <c>retained</c> say when references the dump could not see hold an object.
/// </summary>
public sealed class ExplorerHeldFromCTests(ExplorerHeldFromCTests.Heaps heaps) : IClassFixture<ExplorerHeldFromCTests.Heaps>
{
    // The interpreter's own objects that C holds (types of C modules, interned constants, …) come with every
    // heap and change with the collector's code: their counts are masked, the megabytes and the types are not.
    private static readonly (string Pattern, string Replacement)[] s_masks =
    [
        // What the interpreter's own small cycles and modules add (a few KiB; their order varies with the collector's
        // imports) must not decide the test: the 10 MiB and the first type are what these heaps are about.
        (@"(held from C: \d[\d,]* objects, 10)\.\d MiB", "$1.x MiB"),
        (@"(garbage \(unreachable cycles\): [^\n]*?mostly \w+ \(\d+\.\d%\))[^\n]+", "$1, …"),
        (@"(held from C|garbage \(unreachable cycles\)): \d[\d,]* objects", "$1: n objects"),
        (@"[\d.]+ KiB", "n KiB"),
        (@"counts \[\d+,\d+,\d+\]", "counts [c0,c1,c2]"),
        (@"<module [^>]*> \(\d+, \d+\.\d%\)", "<module …> (n, p%)"),
        (@" \(\d+\.\d%\)", " (p%)"),
        (@"<module [^>]*> \(\d[\d,]*\)", "<module …> (n)"),
        (@"(?m)^ +\d[\d,]* \(p%\)", " n (p%)"),
        // The interpreter's own largest objects (sys.path_importer_cache grows with the paths a machine has) and
        // which of 200 equal uploads is listed first are not what these transcripts show.
        (@"(<dict#N>) \(\d[\d,]*\)\n( +)<module [^\n]*", "$1 (n)\n$2<module …>"),
        (@"<bytes#N b'[^>]*>", "<bytes#N b'…'>"),
    ];

    [Fact]
    public void Should_total_what_only_atexit_holds_under_held_from_C()
    {
        using var session = QuerySession.Open(heaps.HeldFromC.AnalysisDb);
        var totals = session.Totals();

        // 200 × (a tuple of args, an Upload, its 50,000-byte bytes): all under the held-from-C bucket.
        var uploads = Instances(session, "__main__.Upload");
        Assert.Equal(200, uploads.Count);
        Assert.All(uploads, upload => Assert.Equal(ObjId.HeldFromCRoot, session.BucketOf(upload)));
        Assert.InRange(totals.HeldFromC.Bytes, 200L * 50_000, 200L * 50_000 + (2 << 20));
        Assert.Equal("bytes", totals.HeldFromC.Types[0].TypeName);
        Assert.InRange(totals.Garbage.Bytes, 0, 1 << 20);
        Assert.False(totals.GcDisabledWithGarbage);
        Assert.True(totals.GcEnabled);
    }

    [Fact]
    public void Should_keep_gc_disabled_cycles_apart_as_garbage_and_warn()
    {
        using var session = QuerySession.Open(heaps.Garbage.AnalysisDb);
        var totals = session.Totals();

        // 1,000 cycles of two Sessions (3.11: attributes inline, no __dict__), each with a 5,000-byte bytearray.
        Assert.InRange(totals.Garbage.Objects, 4_000, 4_500);
        Assert.InRange(totals.Garbage.Bytes, 2_000L * 5_000, (2_000L * 5_000) + (1 << 20));
        Assert.Equal(["bytearray", "__main__.Session"], totals.Garbage.Types.Take(2).Select(t => t.TypeName));
        Assert.InRange(totals.HeldFromC.Bytes, 0, 1 << 20);
        Assert.False(totals.GcEnabled);
        Assert.True(totals.GcDisabledWithGarbage);
        Assert.Equal("[700,10,10]", totals.GcThresholds);
        Assert.All(Instances(session, "__main__.Session"), s => Assert.Equal(ObjId.UnreachableRoot, session.BucketOf(s)));
    }

    [Fact]
    public void Should_print_the_held_from_C_totals_and_what_holds_an_upload()
    {
        var result = Processes.Objex([heaps.HeldFromC.AnalysisDb, "-c", "top 1 retained; go Upload; in; 22; in; 1; in; retained; 1; retained"]);

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        ExpectedOutput.Matches("held-from-c", result.Stdout, heaps.HeldFromC.Directory, s_masks);
    }

    [Fact]
    public void Should_print_the_garbage_totals_and_the_gc_warning()
    {
        var result = Processes.Objex([heaps.Garbage.AnalysisDb, "-c", "top 1 retained; root_summary 100 2"], environment: new Dictionary<string, string?> { ["OBJEX_SEED"] = "7" });

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        ExpectedOutput.Matches("garbage-gc-disabled", result.Stdout, heaps.Garbage.Directory, s_masks);
    }

    [Fact]
    public void Should_show_both_totals_and_the_warning_on_the_banner()
    {
        var history = Path.Combine(heaps.Garbage.Directory, "history");
        var result = Processes.Run(
            ShapesHeap.Python(),
            [Path.Combine(RepoPaths.TargetsDir, "pty_session.py"), history, "\\x04", "--", "dotnet", RepoPaths.CliDll, heaps.Garbage.AnalysisDb]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var banner = ExpectedOutput.Normalise(result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal), heaps.Garbage.Directory, s_masks);
        Assert.Matches(@"found in [\d,]+ python objects\nRSS [\d.]+ MiB = objects [^\n]+ \+ unknown [^\n]+\nheld from C: n objects, n KiB, mostly [^\n]+\ngarbage \(unreachable cycles\): n objects, 9\.\d MiB, mostly bytearray \(p%\)\n", banner);
        Assert.Contains("\nwarning: gc was disabled in the program (gc.isenabled() was False, thresholds [700,10,10], counts [", banner);
        Assert.Contains("of garbage cycles were never collected\n(Type \"help\" for options.)\n", banner);
    }

    private static List<ObjId> Instances(QuerySession session, string typeName)
    {
        var type = session.FindTypes(typeName).Single().Type.Id;
        return Enumerable.Range(0, session.ObjectCount).Select(i => (ObjId)i).Where(o => session.Snapshot.TypeOf(o) == type).ToList();
    }

    /// <summary>The two target programs, each dumped and analysed once for the class.</summary>
    public sealed class Heaps : IDisposable
    {
        internal TargetHeap HeldFromC { get; } = new("held_from_c.py");

        internal TargetHeap Garbage { get; } = new("gc_disabled_garbage.py");

        public void Dispose()
        {
            HeldFromC.Dispose();
            Garbage.Dispose();
        }
    }
}
