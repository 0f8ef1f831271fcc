using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// Grouping by allocation site walks the dominator tree without recursion: Targets/deep_chain.py's 600,000-node linked
/// list (a dominator chain as deep), its analysis's (empty) site tables filled as a traced program's would be (every Node
/// allocated at one line, the payload's bytes at another: tracing the real program would add minutes to the dump).
/// </summary>
public sealed class SiteDeepChainTests(DeepChainHeap heap) : IClassFixture<DeepChainHeap>
{
    [Fact]
    public void Should_rank_the_sites_of_a_600000_long_chain()
    {
        var analysis = heap.CopyOfAnalysis();
        SqliteFile.Execute(analysis, """
            INSERT INTO site VALUES (0, 'chain.py', 4, '__init__', '[["chain.py", 4]]'), (1, 'chain.py', 11, '__init__', '[["chain.py", 11]]');
            INSERT INTO object_site SELECT id, 0 FROM object WHERE pytype = (SELECT pytype FROM object GROUP BY pytype ORDER BY count(*) DESC LIMIT 1);
            INSERT INTO object_site SELECT id, 1 FROM object WHERE size > 4000 AND size < 4100 AND len = 4000;
            """);

        var bySite = Processes.Objex(["suspects", analysis, "--by-site"]);
        var suspects = Processes.Objex(["suspects", analysis]);

        Assert.Equal(0, bySite.ExitCode);
        var lines = bySite.Stdout.Split('\n');
        Assert.StartsWith("  1 - chain.py:4 in __init__: 600,000 objects, ", lines[1]);
        Assert.StartsWith("  2 - chain.py:11 in __init__: 1 objects, ", lines[2]);
        Assert.Equal(0, suspects.ExitCode);
        // The suspect is the chain's end, the payload's bytes: nothing accumulates there, so no site line.
        Assert.StartsWith("Suspect 1: <module chain>.HEAD.next.next", suspects.Stdout, StringComparison.Ordinal);
    }
}
