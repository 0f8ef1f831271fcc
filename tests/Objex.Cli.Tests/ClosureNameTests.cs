using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// A variable held in a cell reads as the code names it (issue 16): a closure's as <c>.&lt;closure payload&gt;</c>
/// where the dump records <c>.__closure__[0].cell_contents</c>, a frame's cell variable as <c>.locals['held']</c>
/// (Targets/closure_shapes.py, dumped by the real collector, analysed and explored through the real CLI).
/// </summary>
public sealed class ClosureNameTests(ClosureNameTests.Heap heap) : IClassFixture<ClosureNameTests.Heap>
{
    [Fact]
    public void Should_name_closure_and_cell_variables_in_the_paths_in_shows()
    {
        var result = Processes.Objex([heap.AnalysisDb, "-c", "go __main__.Payload; in; 8; in; go __main__.Config; in; 8; in; go __main__.Held; in; 8; in"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        ExpectedOutput.Matches("in-closure-variables", result.Stdout, heap.Directory, ExplorerTranscriptTests.HeapTotals);
    }

    /// <summary>The dumped and analysed closure heap, shared by the tests.</summary>
    public sealed class Heap() : TargetHeap("closure_shapes.py");
}
