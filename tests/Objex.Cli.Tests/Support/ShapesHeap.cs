namespace Objex.Cli.Tests.Support;

/// <summary>
/// A real heap for the explorer tests: CPython 3.11.7 runs Targets/explorer_shapes.py, which dumps itself with
/// the collector (python/objex); the real CLI's make-analysis-db analyses the dump. Built once per test run.
/// Expected outputs depend on the interpreter's own objects, so the Python version is pinned
/// (OBJEX_TEST_PYTHON overrides the interpreter).
/// </summary>
public sealed class ShapesHeap : IDisposable
{
    internal const string PythonVersion = "3.11.7";

    public ShapesHeap()
    {
        Directory = Path.Combine(Path.GetTempPath(), "objex-explorer-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        DumpDb = Path.Combine(Directory, "shapes.db");
        AnalysisDb = Path.Combine(Directory, "shapes.analysis.db");

        var python = Python();
        var dump = Processes.Run(
            python,
            [Path.Combine(RepoPaths.TargetsDir, "explorer_shapes.py"), DumpDb],
            // A fixed hash seed makes set and dict iteration, and so the collector's discovery order, repeatable.
            environment: new Dictionary<string, string?> { ["PYTHONPATH"] = RepoPaths.PythonPackageDir, ["PYTHONHASHSEED"] = "0" });
        if (dump.ExitCode != 0 || !File.Exists(DumpDb))
        {
            throw new InvalidOperationException("the target program did not dump its heap:\n" + dump);
        }

        var analysis = Processes.Objex(["make-analysis-db", DumpDb, AnalysisDb]);
        if (analysis.ExitCode != 0 || !File.Exists(AnalysisDb))
        {
            throw new InvalidOperationException("make-analysis-db failed:\n" + analysis);
        }
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
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Tests that share one <see cref="ShapesHeap"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ShapesCollection : ICollectionFixture<ShapesHeap>
{
    internal const string Name = "explorer shapes heap";
}
