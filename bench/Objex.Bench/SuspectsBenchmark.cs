using System.Diagnostics;
using System.Globalization;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Bench;

/// <summary>
/// `bench suspects ANALYSIS.db [--runs 3]`: what <c>objex suspects</c> costs beyond opening the analysis (the goal:
/// ≤ 1 s on a 10 M-object analysis). Each run opens a fresh session (timed: what every command pays first), then asks
/// <see cref="QuerySession.Suspects"/> once, as the command does; medians of both. A last session times the phases one
/// after another (dominator children built on first use, the top-level walk and descent, the bucket totals, each
/// suspect's paths and groups), to show where the time goes. Runs in one process: the first run pays the JIT.
/// </summary>
internal static class SuspectsBenchmark
{
    internal static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: bench suspects ANALYSIS.db [--runs 3]");
            return 2;
        }

        var runs = args.Length > 2 && args[1] == "--runs" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var loadBefore = Bench.LoadAverage();
        var open = new List<double>();
        var suspects = new List<double>();
        var cpu = new List<double>();
        var found = 0;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            using (var session = QuerySession.Open(args[0]))
            {
                open.Add(watch.Elapsed.TotalSeconds);
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                watch.Restart();
                found = session.Suspects().Suspects.Count;
                suspects.Add(watch.Elapsed.TotalSeconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run + 1}: open {open[^1]:0.000} s, suspects {suspects[^1]:0.000} s (CPU {cpu[^1]:0.000} s; {found} suspects)"));
            GC.Collect();
        }

        Console.WriteLine($"phases (one more session, one after another):");
        using (var session = QuerySession.Open(args[0]))
        {
            var snapshot = session.Snapshot;
            Phase("dominator children (first use)", () => snapshot.DominatedChildren(ObjId.SuperRoot).Length);
            var threshold = (long)Math.Ceiling(QuerySession.DefaultSuspectThreshold * snapshot.RetainedSize(ObjId.SuperRoot));
            var candidates = SuspectFinder.Find(snapshot, threshold, QuerySession.SuspectDescentShare, CancellationToken.None);
            Phase("top level + descent (SuspectFinder)", () => SuspectFinder.Find(snapshot, threshold, QuerySession.SuspectDescentShare, CancellationToken.None).Count);
            Phase("garbage and held-from-C totals", () => session.Totals().Garbage.Objects);
            foreach (var candidate in candidates)
            {
                Phase($"  {candidate.Kind} {(int)candidate.Point}: summary", () => session.Summarize(candidate.Point).Size);
                Phase($"  {candidate.Kind} {(int)candidate.Point}: normalised root path", () => session.NormalisedRootPath(candidate.Point).Text.Length);
                Phase($"  {candidate.Kind} {(int)candidate.Point}: nearest root path", () => session.NearestRootPath(candidate.Point)?.Steps.Count ?? -1);
                Phase($"  {candidate.Kind} {(int)candidate.Point}: children by type", () => DominatorChildRanking.GroupByType(snapshot, snapshot.DominatedChildren(candidate.Point), []).Count);
            }

            Phase("the whole query again (finder + each suspect's paths and groups)", () => session.Suspects().Suspects.Count);
            if (session.HasAllocationSites)
            {
                Phase("allocation sites: suspects --by-site (site ids read on first use)", () => session.SitesByRetained(20).Count);
                Phase("allocation sites: suspects --by-site again", () => session.SitesByRetained(20).Count);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"objex suspects on {args[0]} ({runs} runs, {found} suspects):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  open the analysis  median {Bench.Median(open):0.000} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  suspects beyond it median {Bench.Median(suspects):0.000} s, CPU {Bench.Median(cpu):0.000} s (goal ≤ 1 s at 10 M objects)"));
        Console.WriteLine($"  load average       {loadBefore} before, {Bench.LoadAverage()} after");
        return 0;
    }

    /// <summary>A phase's wall time and the process's CPU time over it: on a loaded machine the CPU time is the one to compare.</summary>
    private static void Phase(string name, Func<long> phase)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = phase();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-66} {watch.Elapsed.TotalSeconds,6:0.000} s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds,6:0.000} s ({result:N0})"));
    }
}
