using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// `sql` prints dumped strings with control characters escaped as labels escape them (issue 19): an ESC sequence or a
/// carriage return in a string of the dumped process, printed raw, recoloured or rewrote the user's terminal.
/// </summary>
[Collection(ShapesCollection.Name)]
public sealed class SqlEscapeTests(ShapesHeap heap)
{
    [Fact]
    public void Should_escape_control_characters_in_sql_cells()
    {
        var result = Processes.Objex([heap.AnalysisDb, "-c", "sql select 'a' || char(27) || '[31mred' || char(13) || char(10) || 'x' || char(9) || 'y' || char(0) || 'z' as v"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\na\\x1b[31mred\\r\\nx\\ty", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.DoesNotContain('\r', result.Stdout);
    }

    [Fact]
    public void Should_run_each_dash_c_command_once_whatever_the_sql_quotes_hold()
    {
        // Split inside the literal, this ran "sql select '" (an SQL error) and "' as x" (an unknown command). The
        // apostrophe in the -- comment would have opened a string that swallowed "; sql select 2 as z".
        var result = Processes.Objex([heap.AnalysisDb, "-c", "sql select ';' as x; sql select 1 as y -- the user's; sql select 2 as z"]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("error", result.Stdout + result.Stderr, StringComparison.OrdinalIgnoreCase);
        var output = result.Stdout.ReplaceLineEndings("\n");
        Assert.Contains("x\n-\n;\n(1 row)\ny\n-\n1\n(1 row)\nz\n-\n2\n(1 row)", output, StringComparison.Ordinal);
    }
}
