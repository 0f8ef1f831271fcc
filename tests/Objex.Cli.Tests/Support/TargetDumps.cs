using System.Text.Json;

namespace Objex.Cli.Tests.Support;

/// <summary>
/// A program of Targets/ run once by the pinned CPython, dumping its process once per name given (in that order, as
/// the program's arguments), and each dump analysed by the real CLI. Built once per test class.
/// </summary>
public abstract class TargetDumps : IDisposable
{
    protected TargetDumps(string target, params string[] names)
        : this(target, new Dictionary<string, string?>(), names)
    {
    }

    /// <param name="target">The program in Targets/.</param>
    /// <param name="environment">Variables set for the program besides PYTHONPATH and PYTHONHASHSEED.</param>
    /// <param name="names">The dumps' names, in the order the program takes them.</param>
    protected TargetDumps(string target, IReadOnlyDictionary<string, string?> environment, string[] names)
    {
        Directory = Path.Combine(Path.GetTempPath(), "objex-diff-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        Analyses = DumpAndAnalyse(Directory, target, names, environment);
        var facts = Path.Combine(Directory, names[^1] + ".db.facts.json");
        Facts = File.Exists(facts) ? JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(facts))! : [];
    }

    internal string Directory { get; }

    /// <summary>The analyses of the dumps, in the order they were taken.</summary>
    internal IReadOnlyList<string> Analyses { get; }

    /// <summary>What the program counted of its own heap (LAST.db.facts.json, when it writes one).</summary>
    internal Dictionary<string, int> Facts { get; }

    /// <summary>Runs <paramref name="target"/> with <c>DIR/NAME.db</c> per name, then analyses each into <c>DIR/NAME.analysis.db</c>.</summary>
    internal static IReadOnlyList<string> DumpAndAnalyse(
        string directory, string target, IReadOnlyList<string> names, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dumps = names.Select(n => Path.Combine(directory, n + ".db")).ToList();
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["PYTHONPATH"] = RepoPaths.PythonPackageDir,
            ["PYTHONHASHSEED"] = "0",
        };
        var run = Processes.Run(TargetHeap.Python(), [Path.Combine(RepoPaths.TargetsDir, target), .. dumps], environment: variables);
        if (run.ExitCode != 0 || !dumps.All(File.Exists))
        {
            throw new InvalidOperationException($"{target} did not dump {dumps.Count} times:\n" + run);
        }

        var analyses = new List<string>();
        foreach (var dump in dumps)
        {
            var analysis = Path.ChangeExtension(dump, ".analysis.db");
            var made = Processes.Objex(["make-analysis-db", dump, analysis]);
            if (made.ExitCode != 0)
            {
                throw new InvalidOperationException("make-analysis-db failed:\n" + made);
            }

            analyses.Add(analysis);
        }

        return analyses;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Targets/leak_three_dumps.py: A, B, C.</summary>
public sealed class ThreeDumps() : TargetDumps("leak_three_dumps.py", "a", "b", "c");

/// <summary>Targets/leak_event_bus.py: A, B.</summary>
public sealed class EventBusDumps() : TargetDumps("leak_event_bus.py", "a", "b");

/// <summary>Targets/leak_pending_tasks.py: A, B.</summary>
public sealed class PendingTasksDumps() : TargetDumps("leak_pending_tasks.py", "a", "b");

/// <summary>Targets/leak_sites.py tracing with tracemalloc: A, B, C.</summary>
public sealed class TracedSiteDumps() : TargetDumps("leak_sites.py", "a", "b", "c");

/// <summary>Targets/leak_sites.py without tracemalloc (the same heap, no allocation sites): A, B.</summary>
public sealed class UntracedSiteDumps() : TargetDumps("leak_sites.py", new Dictionary<string, string?> { ["OBJEX_TEST_TRACE"] = "0" }, ["a", "b"]);

/// <summary>Targets/address_reuse.py: A, B.</summary>
public sealed class AddressReuseDumps() : TargetDumps("address_reuse.py", "a", "b");
