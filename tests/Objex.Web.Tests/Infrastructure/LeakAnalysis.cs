namespace Objex.Web.Tests.Infrastructure;

/// <summary>
/// A real analysis database of a real heap: runs one of Targets/*.py (session_leak.py unless told) under
/// CPython (which dumps itself with the collector), then the real `objex make-analysis-db`. Made once per test run.
/// </summary>
public sealed class LeakAnalysis : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("objex-web-tests-").FullName;

    public LeakAnalysis(string target = "session_leak.py")
    {
        var dump = Path.Combine(_dir, "dump.db");
        AnalysisPath = Path.Combine(_dir, "analysis.db");
        var collect = ProcessRunner.Run(Repo.Python(), Repo.Target(target), Path.Combine(Repo.Root, "python"), dump);
        if (collect.ExitCode != 0)
        {
            throw new InvalidOperationException($"{target} failed ({collect.ExitCode}): {collect.Stderr}");
        }

        var analyse = ProcessRunner.Objex("make-analysis-db", dump, AnalysisPath);
        if (analyse.ExitCode != 0)
        {
            throw new InvalidOperationException($"make-analysis-db failed ({analyse.ExitCode}): {analyse.Stderr}");
        }
    }

    public string AnalysisPath { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
