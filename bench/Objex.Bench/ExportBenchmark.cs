using System.Diagnostics;
using Objex.Analysis;
using Objex.Export;
using Objex.Snapshot;

namespace Objex.Bench;

/// <summary>
/// `bench export --objects 1000000 --refs 1300000 --runs 3`: `objex export` of the seeded synthetic dump's analysis
/// (generated and analysed into the cache folder unless there) to a .heapsnapshot and to Parquet, in this process,
/// after opening the analysis once (what the command does first): median wall and CPU time of each, the files'
/// sizes and the peak RSS. Targets at 1 M objects: .heapsnapshot ≤ 5 s, Parquet ≤ 3 s.
/// </summary>
internal static class ExportBenchmark
{
    internal static int Run(Options options)
    {
        var dump = AnalysisBenchmark.CachedDump(options);
        var analysis = AnalysisBenchmark.AnalysisPath(options);
        if (!File.Exists(analysis))
        {
            Console.WriteLine($"analysing {dump} …");
            AnalysisBuilder.Build(dump, analysis, force: false);
        }

        var loadBefore = Bench.LoadAverage();
        var open = Stopwatch.StartNew();
        using var snapshot = HeapSnapshot.Open(analysis);
        Console.WriteLine($"{analysis}: {snapshot.ObjectCount:N0} objects, {snapshot.EdgeCount:N0} references; opened in {open.Elapsed.TotalSeconds:0.00} s");
        var work = Path.Combine(options.Directory, $"export-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            var heap = Path.Combine(work, "heap.heapsnapshot");
            var parquet = Path.Combine(work, "parquet");
            var heapTimes = Measure("heapsnapshot", options.Runs, () =>
            {
                using var stream = new FileStream(heap, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
                DevToolsSnapshot.Write(snapshot, stream);
            });
            var parquetTimes = Measure("parquet", options.Runs, () =>
            {
                if (Directory.Exists(parquet))
                {
                    Directory.Delete(parquet, recursive: true);
                }

                Directory.CreateDirectory(parquet);
                ParquetExport.WriteAsync(snapshot, parquet).GetAwaiter().GetResult();
            });
            var parquetBytes = Directory.GetFiles(parquet).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($".heapsnapshot: median {Bench.Median(heapTimes.Wall):0.00} s (CPU {Bench.Median(heapTimes.Cpu):0.00} s), " +
                              $"{new FileInfo(heap).Length / 1048576.0:0} MiB (estimate {DevToolsSnapshot.EstimateBytes(snapshot.ObjectCount, snapshot.EdgeCount) / 1048576.0:0} MiB); target ≤ 5 s");
            Console.WriteLine($"parquet:       median {Bench.Median(parquetTimes.Wall):0.00} s (CPU {Bench.Median(parquetTimes.Cpu):0.00} s), " +
                              $"{parquetBytes / 1048576.0:0.0} MiB ({string.Join(", ", Directory.GetFiles(parquet).Order().Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1048576.0:0.0}"))}); target ≤ 3 s");
            Console.WriteLine($"peak RSS {AnalysisBenchmark.PeakRss() / 1048576.0:0} MiB; load average before {loadBefore}, after {Bench.LoadAverage()}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    private static (List<double> Wall, List<double> Cpu) Measure(string name, int runs, Action export)
    {
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            export();
            wall.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            Console.WriteLine($"  {name} run {run + 1}: {wall[^1]:0.00} s, CPU {cpu[^1]:0.00} s");
        }

        return (wall, cpu);
    }
}
