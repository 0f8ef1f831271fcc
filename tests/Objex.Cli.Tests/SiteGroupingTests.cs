using System.Text.Json;
using Objex.Cli.Tests.Support;
using Objex.Query;

namespace Objex.Cli.Tests;

/// <summary>
/// Suspects and diff by allocation site (issue 16) on Targets/leak_sites.py, dumped twice by one process that traces
/// with <c>tracemalloc.start(25)</c>, and the same program run without tracing: the suspect and the growth entry name
/// the line that leaks (file:line and function, counted over both callers of that line), <c>--by-site</c> ranks the
/// sites, <c>top sites</c> counts the same objects, and without tracing no site line appears anywhere.
/// </summary>
public sealed class SiteGroupingTests(TracedSiteDumps traced, UntracedSiteDumps untraced)
    : IClassFixture<TracedSiteDumps>, IClassFixture<UntracedSiteDumps>
{
    private static readonly string s_target = Path.Combine(RepoPaths.TargetsDir, "leak_sites.py");

    /// <summary>The line of the target marked <c># MARKER</c>.</summary>
    private static int LineOf(string marker) =>
        Array.FindIndex(File.ReadAllLines(s_target), line => line.EndsWith("# " + marker, StringComparison.Ordinal)) + 1;

    private static string Site(string marker, string function) => $"{s_target}:{LineOf(marker)} in {function}";

    [Fact]
    public void Should_name_where_a_suspects_accumulated_objects_were_allocated()
    {
        var b = traced.Analyses[1];

        var text = Processes.Objex(["suspects", b]);
        var json = Processes.Objex(["suspects", b, "--json"]);
        var html = Path.Combine(traced.Directory, "report.html");
        var report = Processes.Objex(["suspects", b, "--html", html, "--force"]);
        var repl = Processes.Objex([b, "-c", "suspects"]);

        Assert.Equal(0, text.ExitCode);

        // 200 Orders taken before the first dump and 1,600 after: two tracebacks, one line, counted together.
        var lines = text.Stdout.Split('\n');
        Assert.StartsWith("Suspect 1: <module __main__>.ORDERS (list) holds 1,800 × __main__.Order (", lines[0]);
        Assert.Contains($"    allocated at {Site("LEAK-ORDER", "take_order")} (1,800 of 1,800)", lines);
        Assert.Single(lines, line => line.Contains("allocated at", StringComparison.Ordinal));

        using var parsed = JsonDocument.Parse(json.Stdout);
        var allocatedAt = parsed.RootElement.GetProperty("suspects")[0].GetProperty("allocatedAt");
        Assert.Equal(1_800, allocatedAt.GetProperty("objects").GetInt64());
        var site = allocatedAt.GetProperty("sites")[0];
        Assert.Equal((s_target, LineOf("LEAK-ORDER"), "take_order", 1_800L), (
            site.GetProperty("site").GetProperty("file").GetString(), site.GetProperty("site").GetProperty("line").GetInt32(),
            site.GetProperty("site").GetProperty("function").GetString(), site.GetProperty("objects").GetInt64()));

        Assert.Contains($"\n    allocated at {Site("LEAK-ORDER", "take_order")} (1,800 of 1,800)\n", repl.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, report.ExitCode);
        Assert.Contains($"<dt>allocated</dt><dd>at {Site("LEAK-ORDER", "take_order")} (1,800 of 1,800)</dd>", File.ReadAllText(html));
    }

    [Fact]
    public void Should_rank_sites_by_what_their_objects_keep_alive()
    {
        var b = traced.Analyses[1];

        var text = Processes.Objex(["suspects", b, "--by-site"]);
        var json = Processes.Objex(["suspects", b, "--by-site", "--json"]);

        Assert.Equal(0, text.ExitCode);
        var lines = text.Stdout.Split('\n');
        Assert.Equal("Allocation sites by what their objects keep alive (each byte once per site), top 20:", lines[0]);

        // The Orders keep their payloads: their line retains more than the payloads' line, which comes next.
        var orders = Array.FindIndex(lines, line => line.Contains(Site("LEAK-ORDER", "take_order") + ": 1,800 objects, ", StringComparison.Ordinal));
        var payloads = Array.FindIndex(lines, line => line.Contains(Site("LEAK-PAYLOAD", "make_payload") + ": 1,800 objects, ", StringComparison.Ordinal));
        Assert.True(orders > 0 && payloads == orders + 1, text.Stdout);
        Assert.Matches(@", retaining 5\.\d MiB \(\d+% of the heap\)$", lines[orders]);

        using var parsed = JsonDocument.Parse(json.Stdout);
        var rows = parsed.RootElement.EnumerateArray().ToList();
        var retained = rows.Select(r => r.GetProperty("retainedBytes").GetInt64()).ToList();
        Assert.Equal(retained.OrderByDescending(r => r), retained);
        var orderRow = rows.Single(r => r.GetProperty("site").GetProperty("function").GetString() == "take_order");
        Assert.True(orderRow.GetProperty("retainedBytes").GetInt64() >= 1_800L * 3_000, "each Order keeps its 3,000-byte payload");
    }

    [Fact]
    public void Should_name_where_a_diffs_new_objects_were_allocated()
    {
        var (a, b) = (traced.Analyses[0], traced.Analyses[1]);

        var text = Processes.Objex(["diff", a, b, "--by-site"]);
        var json = Processes.Objex(["diff", a, b, "--json"]);

        Assert.Equal(0, text.ExitCode);
        var lines = text.Stdout.Split('\n');
        var entry = Array.FindIndex(lines, line => line.StartsWith("  1 - +1,600 __main__.Order (", StringComparison.Ordinal));
        Assert.True(entry > 0, text.Stdout);
        Assert.Equal($"        allocated at {Site("LEAK-ORDER", "take_order")} (1,600 of 1,600)", lines[entry + 1]);
        // No place whose number did not grow is listed for a few bytes of retained growth (the dominator tree's noise
        // between dumps listed +0 entries of 53–461 B after the leak): 1 KiB at least (GrowthGroups.MinRetainedGrowth).
        Assert.DoesNotMatch(@"(?m)^ +\d+ - \+0 .*\(\+\d+ B retained\)", text.Stdout);

        // The new objects by site: the payloads' bytes first, then the Orders; the churned scratch buffers are new too
        // (with their keys, but a new key str at the address of an equal freed one cannot be told from it: 199 or 200).
        var table = Array.IndexOf(lines, "New objects by allocation site (A→B, most bytes first):");
        Assert.True(table > entry, text.Stdout);
        Assert.StartsWith($"  +{Site("LEAK-PAYLOAD", "make_payload")}: 1,600 objects, 4.", lines[table + 1]);
        Assert.StartsWith($"  +{Site("LEAK-ORDER", "take_order")}: 1,600 objects, ", lines[table + 2]);
        Assert.Contains(lines, line => line.StartsWith($"  +{Site("CHURN", "refill")}: 1", StringComparison.Ordinal) || line.StartsWith($"  +{Site("CHURN", "refill")}: 200 ", StringComparison.Ordinal));

        using var parsed = JsonDocument.Parse(json.Stdout);
        var growth = parsed.RootElement.GetProperty("growth")[0].GetProperty("allocatedAt");
        Assert.Equal(1_600, growth.GetProperty("objects").GetInt64());
        Assert.Equal("take_order", growth.GetProperty("sites")[0].GetProperty("site").GetProperty("function").GetString());
        var first = parsed.RootElement.GetProperty("sites")[0];
        Assert.Equal(("make_payload", 1_600L), (first.GetProperty("site").GetProperty("function").GetString(), first.GetProperty("objects").GetInt64()));
    }

    [Fact]
    public void Should_name_the_sites_of_what_grew_over_three_dumps()
    {
        var result = Processes.Objex(["diff", .. traced.Analyses, "--by-site"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        var entry = Array.FindIndex(lines, line => line.StartsWith("  1 * +2,200 __main__.Order (", StringComparison.Ordinal));
        Assert.True(entry > 0, result.Stdout);

        // Under a trend, its latest interval's sites: the 600 Orders taken between B and C.
        Assert.Equal($"        allocated at {Site("LEAK-ORDER", "take_order")} (600 of 600)", lines[entry + 1]);
        Assert.Contains("New objects by allocation site (A→B, most bytes first):", lines);
        var second = Array.IndexOf(lines, "New objects by allocation site (B→C, most bytes first):");
        Assert.StartsWith($"  +{Site("LEAK-PAYLOAD", "make_payload")}: 600 objects, ", lines[second + 1]);
    }

    [Fact]
    public void Should_count_the_same_objects_in_top_sites_as_in_the_suspect()
    {
        var b = traced.Analyses[1];
        using var session = QuerySession.Open(b);

        var top = session.TopSites(int.MaxValue);
        var suspect = session.Suspects().Suspects[0].AllocatedAt!;
        var repl = Processes.Objex([b, "-c", "top 2 sites"]);

        var orders = top.Single(t => t.Site.File == s_target && t.Site.Line == LineOf("LEAK-ORDER"));
        Assert.Equal(orders.Site, suspect.Sites[0].Site);
        Assert.Equal(orders.Objects, suspect.Sites[0].Objects);
        Assert.Equal(orders.ShallowBytes, suspect.Sites[0].ShallowBytes);
        Assert.Contains($"  {Site("LEAK-PAYLOAD", "make_payload")}: 1,800 objects, ", repl.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_show_no_site_when_the_program_did_not_trace()
    {
        var (a, b) = (untraced.Analyses[0], untraced.Analyses[1]);

        var suspects = Processes.Objex(["suspects", b]);
        var suspectsJson = Processes.Objex(["suspects", b, "--json"]);
        var bySite = Processes.Objex(["suspects", b, "--by-site"]);
        var diff = Processes.Objex(["diff", a, b, "--by-site"]);
        var diffJson = Processes.Objex(["diff", a, b, "--json"]);

        // The same leak is found, with no site line.
        Assert.Equal(0, suspects.ExitCode);
        Assert.StartsWith("Suspect 1: <module __main__>.ORDERS (list) holds 1,800 × __main__.Order (", suspects.Stdout);
        Assert.DoesNotContain("allocated at", suspects.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("allocatedAt", suspectsJson.Stdout, StringComparison.Ordinal);
        Assert.Contains("  1 - +1,600 __main__.Order (", diff.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("allocated at", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("New objects by allocation site (A→B): the later dump has no allocation sites", diff.Stdout, StringComparison.Ordinal);
        using (var parsed = JsonDocument.Parse(diffJson.Stdout))
        {
            Assert.False(parsed.RootElement.TryGetProperty("sites", out _));
            Assert.False(parsed.RootElement.GetProperty("growth")[0].TryGetProperty("allocatedAt", out _));
        }

        Assert.NotEqual(0, bySite.ExitCode);
        Assert.Equal("", bySite.Stdout);
        Assert.Equal($"objex: {b}: this heap has no allocation sites (the program did not trace with tracemalloc.start() before the objects were allocated)\n", bySite.Stderr);
    }
}
