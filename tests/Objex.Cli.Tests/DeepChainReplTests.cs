using System.Text.RegularExpressions;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// The REPL on a linked list 600,000 nodes long (issue 19): the list's payload has a root path and a dominator chain of
/// 600,002 steps, and `retained` and `in` show each by its two ends around the count of the rest, as the web does.
/// </summary>
[Collection(DeepChainCollection.Name)]
public sealed partial class DeepChainReplTests(DeepChainHeap heap)
{
    [Fact]
    public void Should_show_the_payload_s_dominator_chain_and_root_path_by_their_two_ends()
    {
        var found = Processes.Objex([heap.AnalysisDb, "-c", "sql --csv select o.id from object o join pytype t on t.object = o.pytype where t.name = 'Payload'"]);
        var payload = found.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim();

        var result = Processes.Objex([heap.AnalysisDb, "-c", $"go {payload}; retained; in"]);

        Assert.Equal(0, result.ExitCode);
        var output = result.Stdout.ReplaceLineEndings("\n");
        var chain = output[output.IndexOf("kept alive by (nearest first):", StringComparison.Ordinal)..output.IndexOf("  then: held from modules", StringComparison.Ordinal)];
        Assert.Equal(50, ChainRow().Count(chain));
        Assert.Contains("\n 25 -  <chain.Node#", chain, StringComparison.Ordinal);
        Assert.Contains("\n  … 599,952 more …\n 26 -  <chain.Node#", chain, StringComparison.Ordinal);
        Assert.Contains("\n 50 -  <module chain#", chain, StringComparison.Ordinal);
        Assert.Matches(@"<module chain#\d+>\.HEAD\.next\.next[.a-z]* … 599,978 steps … \.next[.a-z]*\.payload", output);
        Assert.True(output.Length < 20_000, $"{output.Length:N0} characters");
    }

    [GeneratedRegex(@"(?m)^ *\d+ -  ")]
    private static partial Regex ChainRow();
}
