using Objex.Cli.Repl;
using Objex.Cli.Tests.Support;
using Objex.Query;

namespace Objex.Cli.Tests;

/// <summary>The REPL's parts that need no terminal: completion from the command tree, colours, history file, -c splitting.</summary>
[Collection(ShapesCollection.Name)]
public sealed class ReplPlumbingTests(ShapesHeap heap)
{
    [Fact]
    public void Should_complete_command_names_top_kinds_and_attributes_after_go_dot()
    {
        using var session = QuerySession.Open(heap.AnalysisDb);
        var context = new ReplContext(session, new ReplState(0), new ReplOutput(TextWriter.Null, TextWriter.Null, color: false), new Random(1));
        var table = ReplCommandCatalog.Create(context);
        context.State.GoTo(session.Resolve("shape_a", 0, context.Random));

        Assert.Equal(["in"], table.Complete("", "i"));
        Assert.Equal(["path_from", "path_to"], table.Complete("", "pa").Order());
        Assert.Equal(["referenced", "retained"], table.Complete("top 5 ", "re").Order());
        Assert.Contains(".REGISTRY", table.Complete("go ", ".RE"));
        Assert.Contains(".CHAIN.next", table.Complete("go ", ".CHAIN.ne"));
    }

    [Fact]
    public void Should_colour_types_green_and_instances_red_and_nothing_else()
    {
        var output = new ReplOutput(TextWriter.Null, TextWriter.Null, color: true);
        static ObjectSummary Summary(ObjectKind kind, string label) => new((Objex.Snapshot.ObjId)1, label, kind, "t", 8, null, 1, null, null, null, null);

        Assert.Equal("\u001b[32m<type app.Order#1>\u001b[0m", output.Label(Summary(ObjectKind.Type, "<type app.Order#1>")));
        Assert.Equal("\u001b[31m<app.Order#2>\u001b[0m", output.Label(Summary(ObjectKind.Instance, "<app.Order#2>")));
        Assert.Equal("<module os#3>", output.Label(Summary(ObjectKind.Module, "<module os#3>")));
        Assert.Equal("<app.Order#2>", new ReplOutput(TextWriter.Null, TextWriter.Null, color: false).Label(Summary(ObjectKind.Instance, "<app.Order#2>")));
    }

    [Fact]
    public void Should_keep_history_in_a_file_across_sessions()
    {
        var path = Path.Combine(heap.Directory, "history-" + Guid.NewGuid().ToString("N")[..6]);
        var first = new HistoryFile(path);
        first.Append("go random");
        first.Append("in");

        Assert.Equal(["go random", "in"], new HistoryFile(path).Load());
    }

    [Fact]
    public void Should_split_dash_c_commands_at_semicolons_outside_quotes()
    {
        Assert.Equal(["go 12", "sql select ';' as x", "in"], ScriptSplitter.Split("go 12; sql select ';' as x ;in;"));
    }

    [Theory]
    [InlineData("sql select 'it''s; here' as x; top", "sql select 'it''s; here' as x")]
    [InlineData("sql select 1 as \"a;b\"; top", "sql select 1 as \"a;b\"")]
    [InlineData("sql select 1 as [a;b]; top", "sql select 1 as [a;b]")]
    [InlineData("sql select 1 as `a;b`; top", "sql select 1 as `a;b`")]
    [InlineData("sql select 1 /* one; two */ as x; top", "sql select 1 /* one; two */ as x")]
    [InlineData("sql select 1 as x -- the user's count; top", "sql select 1 as x -- the user's count")]
    [InlineData("sql --csv select ';' as x; top", "sql --csv select ';' as x")]
    public void Should_not_split_a_sql_command_inside_its_literals_identifiers_or_comments(string script, string sql)
    {
        Assert.Equal([sql, "top"], ScriptSplitter.Split(script));
    }

    [Fact]
    public void Should_read_brackets_as_a_go_target_outside_sql()
    {
        // go's [0] is an index, not an SQLite identifier: the semicolon after it still ends the command.
        Assert.Equal(["go 12", "go [0]", "in"], ScriptSplitter.Split("go 12; go [0]; in"));
    }
}
