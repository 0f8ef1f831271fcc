using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Objex.Analysis;
using Objex.Dump;
using Objex.Graph;

namespace Objex.Bench;

/// <summary>
/// `bench steps dump.db`: runs make-analysis-db's steps one after another on one thread and
/// prints the CPU time of each, so a loaded machine (whose wall clock lies) still shows where
/// the work is. Reading keeps its own parallel scans; their CPU adds up.
/// </summary>
internal static class StepBenchmark
{
    internal static int Run(string dump)
    {
        var work = Path.Combine(Path.GetTempPath(), $"objex-steps-{Environment.ProcessId}.db");
        File.Copy(dump, work, overwrite: true);
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = work, Pooling = false }.ToString());
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -131072";
                pragma.ExecuteNonQuery();
            }

            var dumpContents = Step("read dump", () => DumpReader.Read(connection, work, null, CancellationToken.None));
            var graph = dumpContents.Graph;
            Step("module BFS", () => RootPathBfs.Run(graph, dumpContents.Modules, CancellationToken.None));
            var unseen = Step("unseen refs", () => UnseenReferences.Compute(graph, dumpContents.Refcount, dumpContents.ObjectsWithClassReference));
            var reverse = Step("strong reverse", () => StrongReverse.Build(graph, dumpContents.Modules, dumpContents.StackFrames, unseen));
            var frames = Step("frame sources", () => FrameSources.Find(dumpContents, reverse));
            Step("frame BFS", () => RootPathBfs.Run(graph, frames, CancellationToken.None, throughModules: false));
            var dominators = Step("dominators", () => DominatorTree.Compute(graph, reverse, dumpContents.Modules, frames, unseen, CancellationToken.None));
            Step("type totals", () => TypeTotals.Compute(graph, dominators));
            Step("SQL additions", () => AnalysisWriter.WriteDumpAdditions(connection, dumpContents, work));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(work);
        }

        return 0;
    }

    private static T Step<T>(string name, Func<T> step)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = step();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-16} CPU {(process.TotalProcessorTime - cpu).TotalSeconds,6:0.00} s   wall {wall.Elapsed.TotalSeconds,6:0.00} s"));
        return result;
    }
}
