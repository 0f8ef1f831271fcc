using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// Allocation sites (issue 16): a program tracing with tracemalloc (Targets/allocation_sites.py) is dumped by the
/// real collector; <c>out</c> says where an object was allocated and <c>top sites</c> ranks the sites by the bytes
/// still alive; a heap without tracing (Targets/two_holders.py) has none and says so.
/// </summary>
public sealed class AllocationSiteTests(AllocationSiteTests.Heaps heaps) : IClassFixture<AllocationSiteTests.Heaps>
{
    [Fact]
    public void Should_show_where_an_object_was_allocated_and_rank_the_sites()
    {
        var result = Processes.Objex([heaps.Traced.AnalysisDb, "-c", "go __main__.CACHE[3]; out; top 1 sites"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        ExpectedOutput.Matches("allocation-sites", result.Stdout, heaps.Traced.Directory, ExplorerTranscriptTests.HeapTotals);
    }

    [Fact]
    public void Should_say_a_heap_without_tracing_has_no_sites()
    {
        var result = Processes.Objex([heaps.Untraced.AnalysisDb, "-c", "top sites"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("top sites: this heap has no allocation sites", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("allocated at", Processes.Objex([heaps.Untraced.AnalysisDb, "-c", "go 0; out"]).Stdout, StringComparison.Ordinal);
    }

    /// <summary>The traced heap and one that did not trace, dumped and analysed once for the tests.</summary>
    public sealed class Heaps : IDisposable
    {
        public Heaps()
        {
            Traced = new TargetHeap("allocation_sites.py");
            Untraced = new TargetHeap("two_holders.py");
        }

        internal TargetHeap Traced { get; }

        internal TargetHeap Untraced { get; }

        public void Dispose()
        {
            Traced.Dispose();
            Untraced.Dispose();
        }
    }
}
