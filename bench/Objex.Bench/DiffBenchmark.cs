using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Objex.Analysis;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Bench;

/// <summary>
/// `objex diff A B` on two synthetic analyses of one "process": B is A's analysis with every 20th object (5 %) moved
/// to a new address, so 5 % of B's objects are new and as many of A's freed, and each needs its path. Each run is a
/// fresh process that opens both (on two threads, as the CLI does) and compares them; the baseline, in the same
/// command, is a fresh process that only opens both.
/// </summary>
internal static class DiffBenchmark
{
    internal const string DiffOnceCommand = "diff-once";
    internal const string OpenBothOnceCommand = "open-both-once";

    internal static int Run(Options options)
    {
        Directory.CreateDirectory(options.Directory);
        var (a, b) = Analyses(options);
        var loadBefore = Bench.LoadAverage();
        var diff = new List<double>();
        var open = new List<double>();
        var cpu = new List<double>();

        // Interleaved, so both see the same machine.
        for (var run = 0; run < options.Runs; run++)
        {
            var parts = Bench.RunChild(DiffOnceCommand, a, b).Split(' ');
            diff.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            cpu.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
            open.Add(double.Parse(Bench.RunChild(OpenBothOnceCommand, a, b).Split(' ')[0], CultureInfo.InvariantCulture));
            Console.WriteLine($"  run {run + 1}: diff {diff[^1]:0.00} s (CPU {cpu[^1]:0.00} s), opening both {open[^1]:0.00} s; {string.Join(' ', parts[2..])}");
        }

        Console.WriteLine();
        var sites = options.Sites > 0 ? $"; allocation sites: {options.Sites:N0}, on 9 objects in 10" : "";
        Console.WriteLine($"objex diff, two {options.Objects:N0}-object analyses / {options.Refs:N0} references (synthetic, seed {options.Seed}; 5 % moved{sites}), {options.Runs} runs:");
        Console.WriteLine($"  median diff          {Bench.Median(diff):0.00} s (open both + compare, wall clock; CPU {Bench.Median(cpu):0.00} s)");
        Console.WriteLine($"  baseline             {Bench.Median(open):0.00} s (open both, nothing compared)");
        Console.WriteLine($"  load average         {loadBefore} before, {Bench.LoadAverage()} after (other work on the machine slows the wall clock)");
        var goal = options.Objects >= 10_000_000 ? 30 : 3;
        Console.WriteLine($"  goal ≤ {goal} s: {(Bench.Median(diff) <= goal ? "met" : "NOT met")}");
        return 0;
    }

    /// <summary>Child process: opens both, compares; prints "seconds cpuSeconds phases".</summary>
    internal static int DiffOnce(string a, string b)
    {
        var clock = Stopwatch.StartNew();
        var (sessionA, sessionB) = OpenBoth(a, b);
        var opened = clock.Elapsed.TotalSeconds;
        var sites = "";
        using (sessionA)
        using (sessionB)
        {
            // With sites, the part of the compare that reads B's site ids (object_site, once) is timed on its own.
            if (sessionB.HasAllocationSites)
            {
                var read = Stopwatch.StartNew();
                var siteIds = sessionB.Snapshot.SiteIds(CancellationToken.None).Length;
                sites = string.Create(CultureInfo.InvariantCulture, $" site-ids={read.Elapsed.TotalSeconds:0.00}s({siteIds:N0})");
            }

            var diff = HeapDiff.Compare(sessionA, sessionB);
            GC.KeepAlive(diff);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.000} {cpu:0.000} open={opened:0.00}s{sites}"));
        return 0;
    }

    /// <summary>Child process: opens both; prints seconds.</summary>
    internal static int OpenBothOnce(string a, string b)
    {
        var clock = Stopwatch.StartNew();
        var (sessionA, sessionB) = OpenBoth(a, b);
        sessionA.Dispose();
        sessionB.Dispose();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.000}"));
        return 0;
    }

    private static (QuerySession A, QuerySession B) OpenBoth(string a, string b)
    {
        var openingB = Task.Run(() => QuerySession.Open(b));
        var sessionA = QuerySession.Open(a);
        return (sessionA, openingB.GetAwaiter().GetResult());
    }

    /// <summary>A's analysis (made once from the cached synthetic dump) and B, its copy with 5 % of the objects moved.</summary>
    private static (string A, string B) Analyses(Options options)
    {
        var name = $"{options.Objects}-{options.Refs}-{options.Seed}{(options.Sites > 0 ? $"-sites{options.Sites}" : "")}";
        var (a, b) = (Path.Combine(options.Directory, $"diff-a-{name}.db"), Path.Combine(options.Directory, $"diff-b-{name}.db"));
        if (File.Exists(a) && File.Exists(b))
        {
            return (a, b);
        }

        var dump = Path.Combine(options.Directory, $"synthetic-{options.Objects}-{options.Refs}-{options.Seed}.db");
        if (!File.Exists(dump))
        {
            Console.WriteLine($"generating {dump} …");
            SyntheticDump.Write(dump + ".partial", options.Objects, options.Refs, options.Seed);
            File.Move(dump + ".partial", dump, overwrite: true);
        }

        Console.WriteLine($"analysing it into {a} and {b} …");
        AnalysisBuilder.Build(dump, a + ".partial", force: true);

        // The synthetic dump records no process start; both are "one process".
        Execute(a + ".partial", "ALTER TABLE meta ADD COLUMN process_start_ticks INTEGER; UPDATE meta SET process_start_ticks = 1");
        if (options.Sites > 0)
        {
            SyntheticSites.Add(a + ".partial", options.Sites);
        }

        File.Copy(a + ".partial", b + ".partial", overwrite: true);
        Move(b + ".partial");
        File.Move(a + ".partial", a, overwrite: true);
        File.Move(b + ".partial", b, overwrite: true);
        return (a, b);
    }

    /// <summary>Moves every 20th object to a new address, in `object` and in the `obj_address` array diff reads.</summary>
    private static void Move(string database)
    {
        const long Moved = 0x100000000000;
        Execute(database, $"UPDATE object SET address = address + {Moved} WHERE id % 20 = 7");
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var addresses = GraphArrayStore.Read<long>(connection, GraphArrayNames.ObjAddress);
        for (var i = 7; i < addresses.Length; i += 20)
        {
            addresses[i] += Moved;
        }

        using (var delete = connection.CreateCommand())
        {
            delete.CommandText = $"DELETE FROM graph_array WHERE name = '{GraphArrayNames.ObjAddress}'";
            delete.ExecuteNonQuery();
        }

        GraphArrayStore.Write<long>(connection, GraphArrayNames.ObjAddress, addresses);
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
