using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// Immortal objects (CPython 3.12+) show <c>refcount=immortal</c>, not the marker their refcount field holds: the
/// shapes heap dumped by CPython 3.12.1, whose <c>shape_a.__doc__</c> is None; on 3.11 None has a real count.
/// </summary>
[Collection(ShapesCollection.Name)]
public sealed class ExplorerImmortalTests(ShapesHeap heap)
{
    private const string ImmortalPython = "3.12.1";

    [Fact]
    public void Should_show_an_immortal_refcount_as_immortal()
    {
        var directory = Path.Combine(heap.Directory, "immortal");
        Directory.CreateDirectory(directory);
        var dump = Path.Combine(directory, "shapes312.db");
        var analysis = Path.Combine(directory, "shapes312.analysis.db");
        var python = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions", ImmortalPython, "bin", "python");
        var made = Processes.Run(
            python,
            [Path.Combine(RepoPaths.TargetsDir, "explorer_shapes.py"), dump],
            environment: new Dictionary<string, string?> { ["PYTHONPATH"] = RepoPaths.PythonPackageDir });
        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.Equal(0, Processes.Objex(["make-analysis-db", dump, analysis]).ExitCode);

        var immortal = Processes.Objex([analysis, "-c", "go shape_a.__doc__"]);
        var counted = Processes.Objex([heap.AnalysisDb, "-c", "go shape_a.__doc__"]);

        Assert.Contains("Now at: <NoneType#", immortal.Stdout, StringComparison.Ordinal);
        Assert.Contains(" None> (size=16, refcount=immortal)\n", immortal.Stdout, StringComparison.Ordinal);
        Assert.Matches(@" None> \(size=16, refcount=\d+\)\n", counted.Stdout);
    }
}
