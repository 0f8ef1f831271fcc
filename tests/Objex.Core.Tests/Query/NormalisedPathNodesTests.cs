using Objex.Query;

namespace Objex.Core.Tests.Query;

/// <summary>The trie of normalised paths: whole paths up to 12 steps, then the first and last 6 with "…".</summary>
public sealed class NormalisedPathNodesTests
{
    [Fact]
    public void Should_share_one_node_per_path_and_leave_out_an_attributes_dict()
    {
        var nodes = new NormalisedPathNodes();
        var root = nodes.Root("<module store>");

        var a = nodes.Append(nodes.Append(nodes.Append(root, ".__dict__"), ".ROOM_HISTORY"), "[*]");
        var b = nodes.Append(nodes.Append(nodes.Append(root, ".__dict__"), ".ROOM_HISTORY"), "[*]");
        var keyed = nodes.Append(nodes.Append(root, ".__dict__"), "[*]");

        Assert.Equal(a, b);
        Assert.Equal("<module store>.ROOM_HISTORY[*]", nodes.Text(a));
        Assert.Equal("<module store>.__dict__[*]", nodes.Text(keyed));
        Assert.Matches("^[0-9a-f]{16}$", nodes.Key(a));
        Assert.NotEqual(nodes.Key(a), nodes.Key(keyed));
        Assert.Equal("[*]", nodes.TextBelow(a, nodes.Append(nodes.Append(root, ".__dict__"), ".ROOM_HISTORY")));
        Assert.Equal(".ROOM_HISTORY[*]", nodes.TextBelow(a, nodes.Append(root, ".__dict__")));
        Assert.Null(nodes.TextBelow(keyed, a));
    }

    [Fact]
    public void Should_keep_the_first_and_last_six_steps_of_a_longer_path_and_merge_what_differs_between()
    {
        var nodes = new NormalisedPathNodes();
        var root = nodes.Root("<module m>");

        var chain = Steps(nodes, root, Enumerable.Repeat(".next", 1_000_000));
        var shorter = Steps(nodes, root, Enumerable.Repeat(".next", 13));
        var twelve = Steps(nodes, root, Enumerable.Repeat(".next", 12));
        var other = Steps(nodes, root, Enumerable.Repeat(".next", 12).Append(".prev"));

        Assert.Equal(chain, shorter);
        Assert.True(nodes.IsElided(chain));
        Assert.False(nodes.IsElided(twelve));
        Assert.Equal("<module m>" + string.Concat(Enumerable.Repeat(".next", 6)) + "…" + string.Concat(Enumerable.Repeat(".next", 6)), nodes.Text(chain));
        Assert.Equal("<module m>" + string.Concat(Enumerable.Repeat(".next", 6)) + "…" + string.Concat(Enumerable.Repeat(".next", 5)) + ".prev", nodes.Text(other));
        Assert.Equal("<module m>", nodes.RootToken(chain));
        Assert.Null(nodes.TextBelow(chain, root));
    }

    private static int Steps(NormalisedPathNodes nodes, int from, IEnumerable<string> steps) =>
        steps.Aggregate(from, nodes.Append);
}
