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
}
