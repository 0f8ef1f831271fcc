using Objex.Cli.Tests.MakeAnalysisDb;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// Where an object is held from, where the answer is not simply a list of paths: <c>in</c>'s module and frame
/// sections when the search runs out of budget (OBJEX_SEARCH_BUDGET makes tests/targets/class_registry.py's 300
/// instances enough to exhaust it, where the default needs 400,000) or when no root of a kind reaches the object,
/// and <c>retained</c> naming the kinds of root that share an object (tests/targets/garbage_shares.py).
/// </summary>
public sealed class ExplorerRootPathTests(ExplorerRootPathTests.Shapes shapes) : IClassFixture<ExplorerRootPathTests.Shapes>
{
    [Fact]
    public void Should_show_the_nearest_module_and_say_the_search_stopped_when_it_runs_out_of_budget()
    {
        var output = Explore(shapes.ClassRegistry, "go __main__.Point._registry[0]; in", ("OBJEX_SEARCH_BUDGET", "100"));

        Assert.Contains(
            "1 modules transitively refer to <__main__.Point#N>:\n"
            + "  2 - <module __main__#N>.Point._registry[0]\n"
            + "  (search stopped after visiting 100 objects: more modules may refer to it)\n",
            output);
    }

    [Fact]
    public void Should_not_say_the_search_stopped_when_the_budget_covers_the_heap()
    {
        var output = Explore(shapes.ClassRegistry, "go __main__.Point._registry[0]; in");

        Assert.Contains("  2 - <module __main__#N>.Point._registry[0]\n", output);
        Assert.DoesNotContain("search stopped", output);
    }

    [Fact]
    public void Should_refuse_a_search_budget_that_is_not_a_positive_number_in_one_line()
    {
        var result = Processes.Objex([shapes.ClassRegistry.AnalysisDb, "-c", "in"], environment: new Dictionary<string, string?> { ["OBJEX_SEARCH_BUDGET"] = "lots" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("objex: OBJEX_SEARCH_BUDGET=lots: expected a number of objects, 1 or more\n", result.Stderr);
    }

    [Fact]
    public void Should_refuse_a_seed_that_is_not_a_whole_number_in_one_line()
    {
        var result = Processes.Objex([shapes.ClassRegistry.AnalysisDb, "-c", "go random"], environment: new Dictionary<string, string?> { ["OBJEX_SEED"] = "abc" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("objex: OBJEX_SEED=abc: expected a whole number (the random seed)\n", result.Stderr);
    }

    [Fact]
    public void Should_say_no_module_and_no_frame_reaches_an_unreachable_object()
    {
        var output = Explore(shapes.GarbageShares, $"go {(int)shapes.GarbageShares["orphan"]}; in");

        Assert.Contains("\n\nno module reaches <__main__.Orphan#N> (garbage: only unreachable reference cycles hold it)\n\nno running frame reaches <__main__.Orphan#N>\n", output);
    }

    [Fact]
    public void Should_say_no_module_reaches_an_object_only_a_frame_and_garbage_hold()
    {
        var output = Explore(shapes.GarbageShares, $"go {(int)shapes.GarbageShares["precious"]}; in");

        Assert.Contains("\n\nno module reaches <__main__.Precious#N>\n\n", output);
        Assert.Contains("frames transitively refer to <__main__.Precious#N>:\n", output);
    }

    [Fact]
    public void Should_name_only_the_kinds_of_root_that_share_an_object_and_not_garbage_that_also_holds_it()
    {
        // Garbage (a cycle gc has not freed) that also holds an object does not share it with its live owners:
        // the collector frees the garbage and the object stays (docs/analysis-format.md, Dominators).
        var precious = Explore(shapes.GarbageShares, $"go {(int)shapes.GarbageShares["precious"]}; retained");
        var shared = Explore(shapes.GarbageShares, $"go {(int)shapes.GarbageShares["shared"]}; retained");

        Assert.Contains("kept alive by no single object: held from thread stacks\n", precious);
        Assert.Contains("kept alive by no single object: held from more than one kind of root (modules, thread stacks)\n", shared);
    }

    internal static string Explore(ShapeDump shape, string commands, params (string Name, string Value)[] environment)
    {
        var result = Processes.Objex([shape.AnalysisDb, "-c", commands], environment: environment.ToDictionary(e => e.Name, e => (string?)e.Value));
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        return ExpectedOutput.Normalise(result.Stdout);
    }

    /// <summary>The target programs, each dumped and analysed once for the class.</summary>
    public sealed class Shapes : IDisposable
    {
        internal ShapeDump ClassRegistry { get; } = new("class_registry", PythonInterpreter.Default);

        internal ShapeDump GarbageShares { get; } = new("garbage_shares", PythonInterpreter.Default);

        public void Dispose()
        {
            ClassRegistry.Dispose();
            GarbageShares.Dispose();
        }
    }
}
