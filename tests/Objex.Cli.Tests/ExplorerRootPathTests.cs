using Objex.Cli.Tests.MakeAnalysisDb;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// <c>in</c>'s module and frame sections where the backward search cannot simply list what it met: a search
/// that runs out of budget (OBJEX_SEARCH_BUDGET makes tests/targets/class_registry.py's 300 instances enough to
/// exhaust it, where the default needs 400,000).
/// </summary>
public sealed class ExplorerRootPathTests(ExplorerRootPathTests.ClassRegistry registry) : IClassFixture<ExplorerRootPathTests.ClassRegistry>
{
    [Fact]
    public void Should_show_the_nearest_module_and_say_the_search_stopped_when_it_runs_out_of_budget()
    {
        var output = Explore(registry.Shape, "go __main__.Point._registry[0]; in", ("OBJEX_SEARCH_BUDGET", "100"));

        Assert.Contains(
            "1 modules transitively refer to <__main__.Point#N>:\n"
            + "  2 - <module __main__#N>.Point._registry[0]\n"
            + "  (search stopped after visiting 100 objects: more modules may refer to it)\n",
            output);
    }

    [Fact]
    public void Should_not_say_the_search_stopped_when_the_budget_covers_the_heap()
    {
        var output = Explore(registry.Shape, "go __main__.Point._registry[0]; in");

        Assert.Contains("  2 - <module __main__#N>.Point._registry[0]\n", output);
        Assert.DoesNotContain("search stopped", output);
    }

    [Fact]
    public void Should_refuse_a_search_budget_that_is_not_a_positive_number_in_one_line()
    {
        var result = Processes.Objex([registry.Shape.AnalysisDb, "-c", "in"], environment: new Dictionary<string, string?> { ["OBJEX_SEARCH_BUDGET"] = "lots" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("objex: OBJEX_SEARCH_BUDGET=lots: expected a number of objects, 1 or more\n", result.Stderr);
    }

    internal static string Explore(ShapeDump shape, string commands, params (string Name, string Value)[] environment)
    {
        var result = Processes.Objex([shape.AnalysisDb, "-c", commands], environment: environment.ToDictionary(e => e.Name, e => (string?)e.Value));
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        return ExpectedOutput.Normalise(result.Stdout);
    }

    /// <summary>tests/targets/class_registry.py, dumped and analysed once for the class.</summary>
    public sealed class ClassRegistry : IDisposable
    {
        internal ShapeDump Shape { get; } = new("class_registry", PythonInterpreter.Default);

        public void Dispose() => Shape.Dispose();
    }
}
