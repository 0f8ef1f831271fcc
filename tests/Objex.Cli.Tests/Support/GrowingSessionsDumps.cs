using System.Text.Json;

namespace Objex.Cli.Tests.Support;

/// <summary>
/// Targets/growing_sessions.py run twice by the pinned CPython: each run dumps its process twice (A, then B after a
/// leak grew beside a churning cache), and the real CLI analyses the four dumps. Built once for the diff tests.
/// </summary>
public sealed class GrowingSessionsDumps : IDisposable
{
    public GrowingSessionsDumps()
    {
        Directory = Path.Combine(Path.GetTempPath(), "objex-diff-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        (A, B, Facts) = Run("run1");
        (OtherA, OtherB, _) = Run("run2");
    }

    internal string Directory { get; }

    /// <summary>The first run's first dump, analysed.</summary>
    internal string A { get; }

    /// <summary>The first run's second dump, analysed.</summary>
    internal string B { get; }

    /// <summary>The second run's (another process's) first dump, analysed.</summary>
    internal string OtherA { get; }

    /// <summary>The second run's second dump, analysed.</summary>
    internal string OtherB { get; }

    /// <summary>What the first run counted of address reuse (b.db.facts.json).</summary>
    internal Dictionary<string, int> Facts { get; }

    /// <summary>The first run's second dump itself (not analysed).</summary>
    internal string DumpB => Path.Combine(Directory, "run1-b.db");

    private (string A, string B, Dictionary<string, int> Facts) Run(string name)
    {
        var analyses = TargetDumps.DumpAndAnalyse(Directory, "growing_sessions.py", [name + "-a", name + "-b"]);
        var facts = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(Directory, name + "-b.db.facts.json")))!;
        return (analyses[0], analyses[1], facts);
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
