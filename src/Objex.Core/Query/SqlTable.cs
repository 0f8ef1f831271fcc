namespace Objex.Query;

/// <summary>The result of a read-only SQL query: column names and rows of rendered cells (null for SQL NULL).</summary>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Rows, each as many cells as columns.</param>
/// <param name="Truncated">True when more rows existed than the limit allowed.</param>
public sealed record SqlTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, bool Truncated)
{
    /// <summary>Per row, which cells SQLite held as a number (INTEGER or REAL), so JSON output writes them unquoted.</summary>
    public IReadOnlyList<IReadOnlyList<bool>> NumericCells { get; init; } = [];

    /// <summary>A cell as a terminal may print it: control characters escaped as labels escape them (<c>\n</c>, <c>\x1b</c>).</summary>
    public static string Printable(string cell) => PythonRepr.ControlsEscaped(cell);
}
