using System.CommandLine;
using System.Text;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>sql &lt;select …&gt;</c>: read-only SQL against the analysis database, printed as a table.</summary>
internal sealed class SqlCommand(ReplContext context) : IReplCommand
{
    private const int MaxRows = 200;

    // --csv and --json are for other programs: every row, up to a bound that keeps a runaway SELECT from
    // filling the memory with rendered cells.
    private const int MaxExportRows = 1_000_000;
    private const int MaxCellWidth = 60;
    private readonly Argument<string[]> _query = new("select") { Arity = ArgumentArity.OneOrMore, Description = "one SELECT statement" };

    public string Name => "sql";

    public string Summary => "Run a read-only SELECT against the analysis database and print a table";

    public string Help => """
        sql [--csv | --json] <select …>
          Runs one SELECT (or WITH … SELECT) on the analysis database, opened read-only: statements that
          write are refused. Prints at most 200 rows as a table; long cells are cut. --csv and --json
          print every row (up to 1,000,000), cells uncut (a blob as x'…', its first 32 bytes): CSV with
          a header line, or a JSON array of objects. Tables: object, reference, pytype, module, pyframe, thread, function, meta and the
          analysis tables (docs/analysis-format.md), and the view object_retained: per object its
          retained size, idom (its immediate dominator; NULL under a root), held_from (where its
          dominator chain ends: modules, thread stacks, no root, more than one kind of root),
          reached_from (modules, thread stacks, both, or NULL: which roots have a strong path to it),
          module_distance and frame_distance (references from the nearest module / frame; NULL if none).
        """;

    public bool TakesRawText => true;

    public Command Build() => new(Name, Summary) { _query };

    public Task RunAsync(ReplCall call)
    {
        var (word, rest) = ReplCommandTable.SplitFirstWord(call.Text);
        Func<SqlTable, IEnumerable<string>>? export = word switch
        {
            "--csv" => SqlExport.Csv,
            "--json" => SqlExport.Json,
            _ => null,
        };
        var select = export is null ? call.Text : rest;
        if (select.Length == 0)
        {
            throw new QueryException("sql: expected a SELECT statement");
        }

        var table = context.Session.Sql(select, export is null ? MaxRows : MaxExportRows, call.Cancellation);
        foreach (var line in (export ?? Render)(table))
        {
            context.Output.Line(line);
        }

        if (export is not null && table.Truncated)
        {
            // Not in the output itself, which another program parses.
            context.Output.Error.WriteLine($"sql: only the first {MaxExportRows:N0} rows were printed");
        }

        return Task.CompletedTask;
    }

    /// <summary>A plain text table: a header, a rule, one line per row, and a row count.</summary>
    internal static IEnumerable<string> Render(SqlTable table)
    {
        var widths = table.Columns.Select(column => Math.Min(column.Length, MaxCellWidth)).ToArray();
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Cell(row[i]).Length);
            }
        }

        yield return Line(table.Columns, widths);
        yield return string.Join("-+-", widths.Select(width => new string('-', width)));
        foreach (var row in table.Rows)
        {
            yield return Line(row.Select(Cell).ToList(), widths);
        }

        var count = table.Rows.Count;
        yield return table.Truncated
            ? $"({count} rows shown; more were left out)"
            : $"({count} {(count == 1 ? "row" : "rows")})";
    }

    private static string Cell(string? value)
    {
        if (value is null)
        {
            return "NULL";
        }

        // A dumped string may hold ESC sequences or carriage returns: printed raw they rewrite the terminal.
        var flat = SqlTable.Printable(value);
        return flat.Length <= MaxCellWidth ? flat : flat[..(MaxCellWidth - 1)] + "…";
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(" | ");
            }

            var cell = cells[i].Length <= widths[i] ? cells[i] : cells[i][..widths[i]];
            builder.Append(i == cells.Count - 1 ? cell : cell.PadRight(widths[i]));
        }

        return builder.ToString();
    }
}
