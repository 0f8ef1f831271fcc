namespace Objex.Cli.Tests.Support;

/// <summary>A target program of Targets/ run by the pinned CPython, its dump and the real CLI's analysis of it.</summary>
public class TargetHeap : IDisposable
{
    internal const string PythonVersion = "3.11.7";

    private readonly string _target;

    /// <param name="target">The program in Targets/.</param>
    /// <param name="name">The dump's file name without .db (transcripts show it); the program's by default.</param>
    public TargetHeap(string target, string? name = null)
    {
        name ??= Path.GetFileNameWithoutExtension(target);
        Directory = Path.Combine(Path.GetTempPath(), "objex-explorer-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        DumpDb = Path.Combine(Directory, name + ".db");
        AnalysisDb = Path.Combine(Directory, name + ".analysis.db");

        _target = target;
        DumpAndAnalyse(DumpDb, AnalysisDb);
    }

    internal string Directory { get; }

    internal string DumpDb { get; }

    internal string AnalysisDb { get; }

    /// <summary>A private copy of the analysis (for tests that write marks).</summary>
    internal string CopyOfAnalysis()
    {
        var copy = Path.Combine(Directory, "copy-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        File.Copy(AnalysisDb, copy);
        return copy;
    }

    /// <summary>A second dump of the same program, analysed (for what must match across two dumps).</summary>
    internal string AnotherAnalysis()
    {
        var name = "again-" + Guid.NewGuid().ToString("N")[..8];
        var analysis = Path.Combine(Directory, name + ".analysis.db");
        DumpAndAnalyse(Path.Combine(Directory, name + ".db"), analysis);
        return analysis;
    }

    private void DumpAndAnalyse(string dumpDb, string analysisDb)
    {
        var dump = Processes.Run(
            Python(),
            [Path.Combine(RepoPaths.TargetsDir, _target), dumpDb],
            // A fixed hash seed makes set and dict iteration, and so the collector's discovery order, repeatable.
            environment: new Dictionary<string, string?> { ["PYTHONPATH"] = RepoPaths.PythonPackageDir, ["PYTHONHASHSEED"] = "0" });
        if (dump.ExitCode != 0 || !File.Exists(dumpDb))
        {
            throw new InvalidOperationException("the target program did not dump its heap:\n" + dump);
        }

        var analysis = Processes.Objex(["make-analysis-db", dumpDb, analysisDb]);
        if (analysis.ExitCode != 0 || !File.Exists(analysisDb))
        {
            throw new InvalidOperationException("make-analysis-db failed:\n" + analysis);
        }
    }

    internal static string Python()
    {
        var overridden = Environment.GetEnvironmentVariable("OBJEX_TEST_PYTHON");
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var pinned = Path.Combine(home, ".pyenv", "versions", PythonVersion, "bin", "python");
        return File.Exists(pinned)
            ? pinned
            : throw new InvalidOperationException($"the explorer tests need CPython {PythonVersion} at {pinned} (or OBJEX_TEST_PYTHON)");
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
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
