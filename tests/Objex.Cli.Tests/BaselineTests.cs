using Objex.Cli.Tests.Support;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Tests;

/// <summary>
/// The REPL with a baseline, on two dumps of one real process (Targets/growing_sessions.py: +1,800 UserSessions in
/// <c>app.SESSIONS</c> beside a cache whose 500 entries were all replaced): <c>objex B --baseline A</c> and <c>diff A</c>
/// inside B's session, run through the real CLI; output compared with Expected/baseline-*.txt. And the query layer's
/// bitset of new objects against the diff's own counts.
/// </summary>
public sealed class BaselineTests(GrowingSessionsDumps dumps) : IClassFixture<GrowingSessionsDumps>
{
    // What the interpreter's own start-up leaves differs by a few objects from run to run: the header's counts, sizes
    // and times are not the subject (DiffTests checks them), the growth list and the "new" marks are.
    private static readonly (string Pattern, string Replacement)[] s_header =
    [
        (@"(?m)^([AB]: [^ ]+) \(dump ([^ ]+) of pid \d+ at [^,]+, RSS [^,]+, [\d,]+ objects, [^)]+\)", "$1 (dump $2 of pid P at T, RSS R, n objects, S)"),
        (@"(?m)^growth: .*$", "growth: …"),
        (@"(?m)^[\d,]+ objects of B are new since A", "n objects of B are new since A"),
        // The per-type table: the leak's row exactly; the others (how many rank above the cache's +0 B, in which order)
        // change with what the interpreter's start-up and the collector leave, so they are left out.
        (@"(?m)^  (?!app\.UserSession |type )\S.{31} .*\d.*\n", ""),
        (@"(?m)^  … and [\d,]+ more types", "  … and n more types"),
    ];

    [Fact]
    public void Should_list_the_growth_as_options_and_mark_new_objects_when_opened_with_a_baseline()
    {
        // 1 goes to the sessions list; rows 199-200 of it are the 200 sessions A had, the rest are new.
        var result = Processes.Objex([dumps.B, "--baseline", dumps.A, "-c", "diff; 1; out 199; 4; out; in"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        ExpectedOutput.Matches("baseline-diff", result.Stdout, dumps.Directory, s_header);
    }

    [Fact]
    public void Should_attach_a_baseline_inside_the_session_and_refuse_what_the_diff_command_refuses_in_one_line()
    {
        var missing = Path.Combine(dumps.Directory, "missing.db");
        // The dump of A given as it is: analysed once into run1-a.analysis.db beside it, which exists already.
        var dumpA = Path.Combine(dumps.Directory, "run1-a.db");
        var result = Processes.Objex(
            [dumps.B, "-c", $"go app.SESSIONS[300]; diff; diff {dumps.B}; diff {dumps.OtherA}; diff {missing}; list; diff {dumpA}; list; out"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stderr);
        ExpectedOutput.Matches("baseline-diff-in-session", result.Stdout, dumps.Directory, [.. s_header, (@"pid \d+ on [^ ]+ started at tick \d+", "pid P on H started at tick T")]);
    }

    [Fact]
    public void Should_refuse_a_baseline_of_another_process_before_the_session_starts()
    {
        var result = Processes.Objex(["explore", dumps.B, "--baseline", dumps.OtherA, "-c", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"objex: {dumps.B}: not a dump of the same process as {dumps.OtherA}: pid ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_mark_as_new_exactly_the_objects_the_diff_counts_as_new()
    {
        using var a = QuerySession.Open(dumps.A);
        using var b = QuerySession.Open(dumps.B);

        var diff = b.AttachBaseline(a);

        // The bitset and the per-type tally come from one matching: they must agree object for object.
        Assert.Equal(diff.Types.Sum(t => t.NewObjects!.Value), diff.NewInB.Count);
        var newSessions = 0;
        var sessionType = b.Resolve("app.UserSession", ObjId.None, new Random(0));
        for (var i = 0; i < b.ObjectCount; i++)
        {
            var id = (ObjId)i;
            Assert.Equal(diff.NewInB.Contains(id), b.Summarize(id).IsNew);
            newSessions += b.IsNew(id) && b.Snapshot.TypeOf(id) == sessionType ? 1 : 0;
        }

        Assert.Equal(1_800, newSessions);
        Assert.False(diff.NewInB.Contains((ObjId)b.ObjectCount));

        // Each growth entry's sample is one of its objects: the sessions' is a new UserSession, held by the SESSIONS list.
        var first = Assert.Single(b.BaselineGrowth(1));
        Assert.True(first.Sample.IsNew);
        Assert.Equal("app.UserSession", first.Sample.TypeName);
        Assert.Equal(b.Resolve("app.SESSIONS", ObjId.None, new Random(0)), first.Target.Id);

        // objex diff needs neither: a comparison that is not a baseline builds no bitset.
        Assert.Equal(0, HeapDiff.Compare(a, b).NewInB.Count);
    }
}
