using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// Every REPL command on a real heap (Targets/explorer_shapes.py, dumped by the real collector, analysed by the
/// real make-analysis-db), run through the real CLI with <c>-c</c>; the output must match the expected-output
/// file of the same name in Expected/ (ids and refcounts normalised, see <see cref="ExpectedOutput"/>).
/// </summary>
[Collection(ShapesCollection.Name)]
public sealed class ExplorerTranscriptTests(ShapesHeap heap)
{
    // The interpreter's own objects held from C and its garbage change with the collector's code; their totals
    // are the subject of held-from-c.txt and garbage-gc-disabled.txt (ExplorerHeldFromCTests), not of these.
    internal static readonly (string Pattern, string Replacement)[] HeapTotals = [(@"(held from C|garbage \(unreachable cycles\)): [^\n]*", "$1: …")];

    [Theory]
    [InlineData("go-list-back-forward", "go shape_b; go shape_a.handler; list; go shape_a.REGISTRY['alpha']; back; forward; back; back; forward; list shape_a.Leaf; go shape_a.REGISTRY[\"alpha\"].payload[2]")]
    [InlineData("in-function-three-modules", "go shape_a.handler; in")]
    [InlineData("in-frame-local", "go shape_a.Marker; in; 8; in")]
    [InlineData("in-type-relations", "go shape_a.Mid; in")]
    [InlineData("in-dict-key-path", "go shape_a.REGISTRY['alpha'].payload[1]; in")]
    [InlineData("out-and-numbers", "go shape_a.REGISTRY['alpha']; out; 1; list; back; out; 2; out")]
    [InlineData("out-weak-reference", "go shape_b.WEAK; out")]
    [InlineData("paging-out", "go shape_b.PAGED; out; more; more; 3; back; 43; back; out 44")]
    [InlineData("paging-in", "go shape_b.PAGED[0][0]; in; more; 24; back; in 41")]
    [InlineData("go-listed-row-or-id", "go shape_b.PAGED; out; go 3; go #3; 2; go 2")]
    [InlineData("threads", "threads")]
    [InlineData("tasks", "tasks; 4; back; 1")]
    [InlineData("stack", "threads; 2; stack; threads; 9; stack; 1")]
    [InlineData("retained", "go shape_a.CHAIN.next.next; retained; go shape_a.CHAIN; retained; go shape_c.BIG; retained")]
    [InlineData("paths", "go shape_a; path_to shape_a.CHAIN.next.next; go shape_a.CHAIN.next.next; path_from shape_a; path_to shape_a")]
    [InlineData("find", "find shape_a.*; find --all shape_a.*; find leaf; find no_such_type_anywhere")]
    [InlineData("sql", "sql SELECT name, qualname FROM pytype WHERE name IN ('Base', 'Mid', 'Leaf') ORDER BY name; sql select 'a;b' as text, null as empty, x'00ff' as bytes, 1.5 as real; sql select 1 where 0")]
    [InlineData("sql-export-and-view", "sql --csv SELECT name, qualname FROM pytype WHERE name IN ('Base', 'Mid', 'Leaf') ORDER BY name; sql --csv select 'a,b' as text, 'say \"hi\"' as quoted, null as empty, 1.5 as real; sql --json select 'a,b' as text, 'say \"hi\"' as quoted, null as empty, 1.5 as real, 3 as int union all select 'x', 'y', 2, 0.25, -1; sql --json select 1 where 0; sql select t.name, r.retained, r.idom is not null as has_idom, r.held_from, r.reached_from, r.module_distance, r.frame_distance from object_retained r join object o on o.id = r.object join pytype t on t.object = o.pytype where t.name in ('Node', 'Marker') order by t.name, r.module_distance")]
    [InlineData("top-size-retained", "top 1 size; top 1 retained; top 2 retained --nested")]
    [InlineData("help", "help; help go; help i")]
    [InlineData("errors", "go shape_a; bogus; p; e; ex; go 999999999; go -5; go .nope; go nosuch_thing; 99; top 0 size; top 5 nothing; top 1 2 3; stack; sql delete from object; sql select nope from object; sql; find; path_to; path_to 999999999; go; mark; mark 12; mark random; mark a b; more; in 0; out x; go shape_b.PAGED; out 46; go shape_a; go shape_a.REGISTRY['missing']; go shape_a.REGISTRY['alpha")]
    public void Should_print_what_the_expected_output_file_shows(string name, string commands)
    {
        var result = Processes.Objex([heap.AnalysisDb, "-c", commands]);

        // Every command of the "errors" script fails (and the script still runs to its end): exit 1 says so.
        Assert.True(result.ExitCode == (name == "errors" ? 1 : 0), result.ToString());
        Assert.Equal("", result.Stderr);
        ExpectedOutput.Matches(name, result.Stdout, heap.Directory, HeapTotals);
    }

    [Fact]
    public void Should_refuse_more_than_one_sql_statement_on_a_line()
    {
        var result = Processes.Objex([heap.AnalysisDb], stdin: "sql select 1; select 2\nsql select 3 as three -- ; a comment, not a second statement\n");

        Assert.Equal("sql: one statement at a time\nthree\n-----\n3\n(1 row)\n", result.Stdout);
    }

    [Fact]
    public void Should_rank_types_and_referenced_objects_with_counts_masked()
    {
        // Counts of the interpreter's own objects change with the collector's code: the ranking's shape is the contract.
        var result = Processes.Objex([heap.AnalysisDb, "-c", "top 2 types; top 1 referenced; root_summary 100 3"]);

        Assert.Equal(0, result.ExitCode);
        ExpectedOutput.Matches(
            "top-types-referenced-root-summary",
            result.Stdout,
            heap.Directory,
            (@"\(\d[\d,]*\)", "(n)"),
            (@" +\d[\d,]* \(\d+\.\d%\)", " n (p%)"),
            (@"<module [^>]*> \(\d+, \d+\.\d%\)", "<module …> (n, p%)"),
            HeapTotals[0]);
    }
}
