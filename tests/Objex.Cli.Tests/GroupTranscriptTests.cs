using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// Grouped, not repeated, on a real heap (Targets/two_holders.py): a type's instances merged by where they are held,
/// what a container keeps alive merged by type and path below it, and <c>top retained</c> with and without nesting.
/// Expected-output files in Expected/, as <see cref="ExplorerTranscriptTests"/>.
/// </summary>
[Collection(TwoHoldersCollection.Name)]
public sealed class GroupTranscriptTests(TwoHoldersHeap heap)
{
    [Theory]
    [InlineData("in-type-two-holders", "go store.Event; in")]
    [InlineData("retained-groups", "go store.SAMPLES; retained; go store.SAMPLES.items; retained; go store.ROOM_HISTORY; retained")]
    [InlineData("top-retained-nested", "top 4 retained; top 4 retained --nested")]
    public void Should_print_what_the_expected_output_file_shows(string name, string commands)
    {
        var result = Processes.Objex([heap.AnalysisDb, "-c", commands]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        ExpectedOutput.Matches(name, result.Stdout, heap.Directory, ExplorerTranscriptTests.HeapTotals);
    }

    [Fact]
    public void Should_go_to_a_group_sample_by_its_number()
    {
        // The merged groups are numbered options: the number goes to the group's largest instance.
        var result = Processes.Objex([heap.AnalysisDb, "-c", "go store.Event; in; 42; in"]);

        Assert.Equal(0, result.ExitCode);
        var second = result.Stdout[result.Stdout.LastIndexOf("Now at:", StringComparison.Ordinal)..];
        Assert.StartsWith("Now at: <store.Event#", second, StringComparison.Ordinal);
        Assert.Contains("<module store#", second, StringComparison.Ordinal);
        Assert.Contains(".ROOM_HISTORY[", second, StringComparison.Ordinal);
    }
}
