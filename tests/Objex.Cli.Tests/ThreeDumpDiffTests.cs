using System.Text.Json;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// `objex diff A B C` on three dumps of one real process (Targets/leak_three_dumps.py under CPython 3.11): a list of
/// Jobs that grows in both intervals, a cache whose entries are all replaced in each, and a lookup table that filled
/// between A and B and then only churned.
/// </summary>
public sealed class ThreeDumpDiffTests(ThreeDumps dumps) : IClassFixture<ThreeDumps>
{
    private string A => dumps.Analyses[0];

    private string B => dumps.Analyses[1];

    private string C => dumps.Analyses[2];

    [Fact]
    public void Should_list_what_grew_in_both_intervals_first_and_marked_and_what_filled_once_unmarked()
    {
        var result = Processes.Objex(["diff", A, B, C]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n');
        Assert.StartsWith($"A: {A} (dump a.db of pid ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"B: {B} (dump b.db of pid ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"C: {C} (dump c.db of pid ", lines[2], StringComparison.Ordinal);
        Assert.Matches(@"^growth A→B: \+[\d,]+ objects, \+[\d.]+ KiB in Python objects, RSS [+-]", lines[3]);
        Assert.StartsWith("growth B→C: ", lines[4], StringComparison.Ordinal);

        var growth = DiffOutput.Section(result.Stdout, "What grew");
        Assert.Matches(@"^  1 \* \+1,000 app\.Job \(\+\d+\.\d KiB retained\) <module app>\.JOBS\[\*\]  \(A→B \+500, B→C \+500\)$", growth[0]);
        Assert.Single(growth, l => l.StartsWith("  ", StringComparison.Ordinal) && l[4] == '*');
        var lookup = Assert.Single(growth, l => l.Contains(" app.Lookup ", StringComparison.Ordinal));
        Assert.Matches(@"^ +\d+ - \+400 app\.Lookup \(.* retained\) <module app>\.LOOKUP\[\*\]  \(A→B \+400, B→C no growth\)$", lookup);
        Assert.DoesNotContain(growth, l => l.Contains("CacheEntry", StringComparison.Ordinal) || l.Contains(".CACHE", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_list_what_was_made_between_A_and_B_and_is_alive_in_C_without_what_churned()
    {
        var result = Processes.Objex(["diff", A, B, C]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var alive = DiffOutput.Section(result.Stdout, "Created between A and B and still alive in C");
        Assert.Matches(@"^  1 - 500 app\.Job \(\d+\.\d KiB retained\) <module app>\.JOBS\[\*\]$", alive[0]);

        // The cache's and the lookup table's entries of B were all replaced before C; the new jobs' payloads are the jobs'.
        Assert.DoesNotContain(alive, l => l.Contains("CacheEntry", StringComparison.Ordinal) || l.Contains("Lookup", StringComparison.Ordinal));
        Assert.DoesNotContain(alive, l => l.Contains("JOBS[*].", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_tell_an_address_reused_by_another_value_from_a_survivor()
    {
        var result = Processes.Objex(["diff", A, B, C, "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var second = json.RootElement.GetProperty("second");

        // Between B and C the lookup table's ints 257..399 (`Lookup.n`; smaller ones are cached) were freed and the
        // new jobs' ints 600..1,099 took many of their addresses: same type and size, another value. Matched by address
        // alone they were survivors, and the table's new ints `+141 int <module app>.LOOKUP[*].n` growth.
        Assert.DoesNotContain(second.GetProperty("growth").EnumerateArray(), g => g.GetProperty("path").GetProperty("text").GetString()!.StartsWith("<module app>.LOOKUP", StringComparison.Ordinal));
        var ints = second.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("typeName").GetString() == "int");
        Assert.InRange(ints.GetProperty("freedObjects").GetInt64(), 143, long.MaxValue);
        Assert.InRange(ints.GetProperty("newObjects").GetInt64(), 500 + 143, long.MaxValue);

        // The table's keys (`'n-0'`…) stayed in its dict from B to C: equal values at the same address are survivors.
        var keys = json.RootElement.GetProperty("stillAlive").EnumerateArray().Single(g => g.GetProperty("typeName").GetString() == "str");
        Assert.Equal(("<module app>.LOOKUP<key>", 400), (keys.GetProperty("path").GetProperty("text").GetString(), keys.GetProperty("objects").GetInt64()));
    }

    [Fact]
    public void Should_carry_both_intervals_and_both_methods_in_json()
    {
        var result = Processes.Objex(["diff", A, B, C, "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(C, root.GetProperty("c").GetProperty("path").GetString());
        Assert.True(root.GetProperty("matchedByAddress").GetBoolean());
        var job = root.GetProperty("growth")[0];
        Assert.Equal(("app.Job", "<module app>.JOBS[*]", true, 1_000), (
            job.GetProperty("typeName").GetString(), job.GetProperty("path").GetProperty("text").GetString(),
            job.GetProperty("grewInBoth").GetBoolean(), job.GetProperty("countDelta").GetInt64()));
        Assert.Equal(500, job.GetProperty("first").GetProperty("newObjects").GetInt64());
        Assert.Equal(500, job.GetProperty("second").GetProperty("newObjects").GetInt64());
        var lookup = root.GetProperty("growth").EnumerateArray().Single(g => g.GetProperty("typeName").GetString() == "app.Lookup");
        Assert.False(lookup.GetProperty("grewInBoth").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lookup.GetProperty("second").ValueKind);

        var alive = root.GetProperty("stillAlive")[0];
        Assert.Equal(("app.Job", 500), (alive.GetProperty("typeName").GetString(), alive.GetProperty("objects").GetInt64()));

        // Each interval whole, as `diff A B` and `diff B C` give it.
        var cache = root.GetProperty("second").GetProperty("types").EnumerateArray().Single(t => t.GetProperty("typeName").GetString() == "app.CacheEntry");
        Assert.Equal((300, 300, 0), (cache.GetProperty("newObjects").GetInt64(), cache.GetProperty("freedObjects").GetInt64(), cache.GetProperty("surviving").GetInt64()));
    }

    [Fact]
    public void Should_refuse_a_file_given_twice_and_a_dump_of_another_process_in_one_line()
    {
        var other = Path.Combine(dumps.Directory, "other-" + Guid.NewGuid().ToString("N")[..8] + ".analysis.db");
        File.Copy(C, other);
        SqliteFile.Execute(other, "UPDATE meta SET pid = pid + 1");

        AssertOneLine(["diff", A, B, A], $"objex: {A}: the same file as A: diff compares two dumps of one process");
        AssertOneLine(["diff", A, B, B], $"objex: {B}: the same file as B: diff compares two dumps of one process");
        AssertOneLine(["diff", A, B, other], $"objex: {other}: not a dump of the same process as {B}: pid ");
        AssertOneLine(["diff", A, B, Path.Combine(dumps.Directory, "missing.db")], $"objex: {Path.Combine(dumps.Directory, "missing.db")}: ");
    }

    [Fact]
    public void Should_compare_by_type_and_place_only_when_forced()
    {
        var result = Processes.Objex(["diff", A, B, C, "--force"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("(--force: objects matched by type and path only; new, freed and surviving not known)\n", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("  1 * +1,000 app.Job (", DiffOutput.Section(result.Stdout, "What grew")[0], StringComparison.Ordinal);
        Assert.Contains("Created between A and B and still alive in C: not known under --force (no object is matched).\n", result.Stdout, StringComparison.Ordinal);
    }

    private static void AssertOneLine(string[] args, string start)
    {
        var result = Processes.Objex(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.StartsWith(start, Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
