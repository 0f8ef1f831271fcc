namespace Objex.Cli.Tests.Support;

/// <summary>
/// A real heap from one of Targets/*.py: the pinned CPython (<see cref="ShapesHeap.Python"/>) runs the program,
/// which dumps itself with the collector; the real CLI's make-analysis-db analyses the dump.
/// </summary>
public sealed class TargetHeap : IDisposable
{
    public TargetHeap(string target)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"objex-{target}-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        var dumpDb = Path.Combine(Directory, target + ".db");
        AnalysisDb = Path.Combine(Directory, target + ".analysis.db");
        var dump = Processes.Run(
            ShapesHeap.Python(),
            [Path.Combine(RepoPaths.TargetsDir, target + ".py"), dumpDb],
            environment: new Dictionary<string, string?> { ["PYTHONPATH"] = RepoPaths.PythonPackageDir, ["PYTHONHASHSEED"] = "0" });
        if (dump.ExitCode != 0 || !File.Exists(dumpDb))
        {
            throw new InvalidOperationException($"{target}.py did not dump its heap:\n" + dump);
        }

        var analysis = Processes.Objex(["make-analysis-db", dumpDb, AnalysisDb]);
        if (analysis.ExitCode != 0 || !File.Exists(AnalysisDb))
        {
            throw new InvalidOperationException("make-analysis-db failed:\n" + analysis);
        }
    }

    internal string Directory { get; }

    internal string AnalysisDb { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
