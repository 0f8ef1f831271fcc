using System.Diagnostics;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Bench;

/// <summary>
/// `bench explorer analysis.db [samples] [seed]`: how fast the explorer answers on a real analysis database.
/// Measures opening it (what the REPL does before its first prompt) and `in` on random objects — referrers,
/// both root-path sections and every label, exactly what the REPL prints — and reports median and p95
/// against the original objex's figures on a 1 M-object dump (22 ms for its one module path, 3 s for frame
/// paths). Also measures `go random` + `out` for reference. Targets: open ≤ 1 s; `in` ≤ 50 ms median, ≤ 200 ms p95.
/// </summary>
internal static class ExplorerBenchmark
{
    private const double OriginalModulePathMs = 22;
    private const double OriginalFramePathsMs = 3000;

    internal static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: bench explorer <analysis.db> [samples=200] [seed=1]");
            return 2;
        }

        var samples = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var seed = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;

        var open = Stopwatch.StartNew();
        using var session = QuerySession.Open(args[0]);
        var info = session.Info;
        open.Stop();
        Console.WriteLine($"analysis: {args[0]}: {info.ObjectCount:N0} objects, {info.ReferenceCount:N0} references");
        Console.WriteLine($"open (snapshot load + banner facts): {open.Elapsed.TotalMilliseconds:F0} ms (target ≤ 1000 ms)");

        var random = new Random(seed);
        var inTimes = new List<double>(samples);
        var outTimes = new List<double>(samples);
        long modulePaths = 0, framePaths = 0;

        // One warm-up answer so JIT time is not counted as a query (the REPL pays it once per session).
        In(session, (ObjId)random.Next(session.ObjectCount));
        for (var i = 0; i < samples; i++)
        {
            var id = (ObjId)random.Next(session.ObjectCount);
            var watch = Stopwatch.StartNew();
            var (modules, frames) = In(session, id);
            inTimes.Add(watch.Elapsed.TotalMilliseconds);
            modulePaths += modules;
            framePaths += frames;

            watch.Restart();
            _ = session.TypeOf(id);
            _ = session.Referents(id);
            outTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        var inMedian = Percentile(inTimes, 0.50);
        var inP95 = Percentile(inTimes, 0.95);
        Console.WriteLine($"in  ({samples} random objects, referrers + module paths + frame paths, labelled):");
        Console.WriteLine($"    median {inMedian:F2} ms, p95 {inP95:F2} ms, max {inTimes.Max():F2} ms (target ≤ 50 ms median, ≤ 200 ms p95)");
        Console.WriteLine($"    found {modulePaths / (double)samples:F1} module paths and {framePaths / (double)samples:F1} frame paths per object on average");
        Console.WriteLine($"    vs the original objex: {OriginalModulePathMs / inMedian:F1}x faster than its 22 ms single module path, "
            + $"{OriginalFramePathsMs / inMedian:F0}x faster than its 3 s frame-path search");
        Console.WriteLine($"out (type + first 20 referents): median {Percentile(outTimes, 0.50):F2} ms, p95 {Percentile(outTimes, 0.95):F2} ms");
        return 0;
    }

    private static (int Modules, int Frames) In(QuerySession session, ObjId id)
    {
        _ = session.Summarize(id);
        _ = session.Referrers(id);
        _ = session.TypeRelationsOf(id);
        var modules = session.ModulePaths(id);
        var frames = session.FramePaths(id);
        return (modules.Paths.Count, frames.Paths.Count);
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
