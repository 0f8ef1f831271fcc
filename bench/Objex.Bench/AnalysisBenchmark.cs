using System.Diagnostics;
using System.Globalization;
using Objex.Analysis;
using Objex.Snapshot;

namespace Objex.Bench;

/// <summary>make-analysis-db and first-open timings on a synthetic dump, each run in a fresh process.</summary>
internal static class AnalysisBenchmark
{
    internal const string AnalyzeOnceCommand = "analyze-once";
    internal const string OpenOnceCommand = "open-once";

    internal static int Run(Options options)
    {
        var dump = CachedDump(options);
        var output = AnalysisPath(options);
        var seconds = new List<double>();
        var cpu = new List<double>();
        var rss = new List<long>();
        var loadBefore = Bench.LoadAverage();
        for (var run = 0; run < options.Runs; run++)
        {
            var line = Bench.RunChild(AnalyzeOnceCommand, dump, output);
            var parts = line.Split(' ');
            seconds.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            rss.Add(long.Parse(parts[1], CultureInfo.InvariantCulture));
            cpu.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
            Console.WriteLine($"  run {run + 1}: {seconds[^1]:0.00} s, CPU {cpu[^1]:0.00} s, peak RSS {rss[^1] / 1048576.0:0} MiB");
        }

        var openMs = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            openMs.Add(double.Parse(Bench.RunChild(OpenOnceCommand, output).Split(' ')[0], CultureInfo.InvariantCulture));
        }

        var dumpBytes = new FileInfo(dump).Length;
        var outputBytes = new FileInfo(output).Length;
        var median = Bench.Median(seconds);
        Console.WriteLine();
        Console.WriteLine($"make-analysis-db, {options.Objects:N0} objects / {options.Refs:N0} references (synthetic, seed {options.Seed}), {options.Runs} runs:");
        Console.WriteLine($"  median time          {median:0.00} s (wall clock)");
        Console.WriteLine($"  median CPU time      {Bench.Median(cpu):0.00} s (user + system, all threads; {Environment.ProcessorCount} cores)");
        Console.WriteLine($"  load average         {loadBefore} before, {Bench.LoadAverage()} after (other work on the machine slows the wall clock)");
        Console.WriteLine($"  peak RSS (max)       {rss.Max() / 1048576.0:0} MiB");
        Console.WriteLine($"  dump → analysis      {dumpBytes / 1048576.0:0} MiB → {outputBytes / 1048576.0:0} MiB ({(double)outputBytes / dumpBytes:0.00}×)");
        Console.WriteLine($"  open + first `in`    {Bench.Median(openMs):0} ms (median)");
        Console.WriteLine("baseline, the original objex on this machine (from issue 3), no dominators:");
        Console.WriteLine("  1.85 M objects / 2.4 M refs: 19.5 s, 78 MB → 505 MB (6.4×); 3 M gc objects: 55 s, 1.5 GB; frame paths 3 s per object");
        if (options.Objects is >= 1_800_000 and <= 1_900_000)
        {
            Console.WriteLine($"  → {19.5 / median:0.0}× faster than the original; goal ≤ 4 s: {(median <= 4 ? "met" : "NOT met")}; size goal ≤ 3×: {((double)outputBytes / dumpBytes <= 3 ? "met" : "NOT met")}");
        }
        else if (options.Objects >= 10_000_000)
        {
            Console.WriteLine($"  goal at 10 M objects / 40 M refs: ≤ 60 s ({(median <= 60 ? "met" : "NOT met")}), ≤ 3 GiB peak RSS ({(rss.Max() <= 3L << 30 ? "met" : "NOT met")})");
        }

        return 0;
    }

    /// <summary>Child process: one make-analysis-db; prints "seconds peakRssBytes".</summary>
    internal static int AnalyzeOnce(string dump, string output)
    {
        var phases = new PhaseClock();
        var report = AnalysisBuilder.Build(dump, output, force: true, phases);
        Console.Error.WriteLine(string.Join(", ", report.StepSeconds.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:0.00} s"))));
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Elapsed.TotalSeconds:0.000} {PeakRss()} {cpu:0.000}"));
        return 0;
    }

    /// <summary>Child process: open the analysis and answer what a first `in` needs (both root paths with labels, 20 referrers with labels); prints milliseconds.</summary>
    internal static int OpenOnce(string analysis)
    {
        var clock = Stopwatch.StartNew();
        using var snapshot = HeapSnapshot.Open(analysis);
        var obj = (ObjId)(snapshot.ObjectCount * 7 / 10);
        var labels = 0;
        foreach (var tree in new[] { snapshot.ModuleTree, snapshot.FrameTree })
        {
            foreach (var edge in tree.PathFromRoot(obj))
            {
                labels += snapshot.EdgeLabel(edge).Length;
            }
        }

        var referrers = snapshot.InEdges(obj);
        for (var i = 0; i < Math.Min(20, referrers.Length); i++)
        {
            labels += snapshot.EdgeLabel(referrers[i]).Length + (snapshot.TypeName(snapshot.TypeOf(snapshot.EdgeSource(referrers[i]))) ?? "").Length;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalMilliseconds:0.0} {labels}"));
        return 0;
    }

    /// <summary>Seconds spent in each phase make-analysis-db reports.</summary>
    private sealed class PhaseClock : IProgress<AnalysisProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(string Phase, double Start)> _phases = [];

        public void Report(AnalysisProgress value)
        {
            if (_phases.Count == 0 || _phases[^1].Phase != value.Phase)
            {
                _phases.Add((value.Phase, _clock.Elapsed.TotalSeconds));
            }
        }

        internal string Summary() => string.Join(
            ", ",
            _phases.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {((i + 1 < _phases.Count ? _phases[i + 1].Start : _clock.Elapsed.TotalSeconds) - p.Start):0.00} s")));
    }

    /// <summary>The seeded synthetic dump of these options, generated into the cache folder unless it is there.</summary>
    internal static string CachedDump(Options options)
    {
        Directory.CreateDirectory(options.Directory);
        var dump = Path.Combine(options.Directory, $"synthetic-{options.Objects}-{options.Refs}-{options.Seed}.db");
        if (!File.Exists(dump))
        {
            var clock = Stopwatch.StartNew();
            Console.WriteLine($"generating {dump} …");
            var written = SyntheticDump.Write(dump + ".partial", options.Objects, options.Refs, options.Seed);
            File.Move(dump + ".partial", dump, overwrite: true);
            Console.WriteLine($"  {options.Objects:N0} objects, {written:N0} references in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        return dump;
    }

    /// <summary>Where the analysis of <see cref="CachedDump"/> goes.</summary>
    internal static string AnalysisPath(Options options) =>
        Path.Combine(options.Directory, $"analysis-{options.Objects}-{options.Refs}-{options.Seed}.db");

    internal static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
