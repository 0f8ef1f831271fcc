namespace Objex.Bench;

/// <summary>
/// `bench/run.sh analysis --objects 1850000 --refs 2400000 --runs 3`
/// generates (and caches) a seeded synthetic dump, runs make-analysis-db on it in fresh child
/// processes, and prints median time, peak RSS, output/dump size ratio and the time to open
/// the analysis and answer a first `in`, next to the original objex's figures.
/// </summary>
internal static class Program
{
    internal static int Main(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "analysis" => AnalysisBenchmark.Run(Options.Parse(args.AsSpan(1))),
                "diff" => DiffBenchmark.Run(Options.Parse(args.AsSpan(1))),
                DiffBenchmark.DiffOnceCommand => DiffBenchmark.DiffOnce(args[1], args[2]),
                DiffBenchmark.OpenBothOnceCommand => DiffBenchmark.OpenBothOnce(args[1], args[2]),
                "export" => ExportBenchmark.Run(Options.Parse(args.AsSpan(1))),
                "generate" => Generate(Options.Parse(args.AsSpan(1))),
                "steps" => StepBenchmark.Run(args[1]),
                "web-api" => WebApiBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult(),
                "explorer" => ExplorerBenchmark.Run(args[1..]),
                "suspects" => SuspectsBenchmark.Run(args[1..]),
                AnalysisBenchmark.AnalyzeOnceCommand => AnalysisBenchmark.AnalyzeOnce(args[1], args[2]),
                AnalysisBenchmark.OpenOnceCommand => AnalysisBenchmark.OpenOnce(args[1]),
                _ => Usage(),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            return Usage();
        }
    }

    private static int Generate(Options options)
    {
        var path = options.Output ?? throw new ArgumentException("generate needs --out PATH");
        var refs = SyntheticDump.Write(path, options.Objects, options.Refs, options.Seed);
        Console.WriteLine($"wrote {path}: {options.Objects:N0} objects, {refs:N0} references (seed {options.Seed})");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: bench analysis --objects N --refs R [--runs 3] [--seed 1] [--dir DIR]
                   bench diff --objects N --refs R [--runs 3] [--seed 1] [--dir DIR] [--sites N]   (objex diff of two analyses, 5 % moved; N synthetic allocation sites)
                   bench generate --objects N --refs R [--seed 1] --out dump.db
                   bench export --objects N --refs R [--runs 3] [--seed 1] [--dir DIR]   (objex export: .heapsnapshot and Parquet)
                   bench steps dump.db     (CPU time of each make-analysis-db step, one after another)
                   bench web-api ANALYSIS.db [--requests 200] [--seed 42]
                   bench explorer ANALYSIS.db [samples=200] [seed=1]
                   bench suspects ANALYSIS.db [--runs 3]     (objex suspects beyond opening the analysis, medians)
            """);
        return 2;
    }
}

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record Options(int Objects, long Refs, int Runs, int Seed, string Directory, string? Output, int Sites = 0)
{
    internal static Options Parse(ReadOnlySpan<string> args)
    {
        var options = new Options(1_850_000, 2_400_000, 3, 1, Path.Combine(Path.GetTempPath(), "objex-bench"), null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--objects" => options with { Objects = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--refs" => options with { Refs = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--dir" => options with { Directory = value },
                "--out" => options with { Output = value },
                "--sites" => options with { Sites = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }
}
