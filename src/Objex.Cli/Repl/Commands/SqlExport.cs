using System.Text;
using System.Text.Json;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary>
/// <c>sql --csv</c> and <c>sql --json</c>: a query's rows for another program. CSV is RFC 4180 (a header line;
/// cells with a comma, quote or line break quoted, quotes doubled; SQL NULL an empty cell). JSON is one array of
/// objects keyed by column name, numbers as numbers, NULL as null, one row per line.
/// </summary>
internal static class SqlExport
{
    // The default encoder writes a quote as \u0022 (it guards HTML pages); this output goes to a terminal or a pipe.
    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static IEnumerable<string> Csv(SqlTable table)
    {
        yield return string.Join(',', table.Columns.Select(CsvCell));
        foreach (var row in table.Rows)
        {
            yield return string.Join(',', row.Select(cell => cell is null ? "" : CsvCell(cell)));
        }
    }

    internal static IEnumerable<string> Json(SqlTable table)
    {
        if (table.Rows.Count == 0)
        {
            yield return "[]";
            yield break;
        }

        var names = table.Columns.Select(column => JsonSerializer.Serialize(column, s_json)).ToArray();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var line = new StringBuilder(r == 0 ? "[{" : " {");
            for (var i = 0; i < row.Count; i++)
            {
                line.Append(i == 0 ? "" : ", ").Append(names[i]).Append(": ").Append(JsonValue(row[i], IsNumber(table, r, i)));
            }

            line.Append(r == table.Rows.Count - 1 ? "}]" : "},");
            yield return line.ToString();
        }
    }

    private static bool IsNumber(SqlTable table, int row, int column) =>
        row < table.NumericCells.Count && table.NumericCells[row][column];

    private static string JsonValue(string? cell, bool number) => cell switch
    {
        null => "null",
        // JSON has no NaN or infinity: SQLite's REAL can hold them, so those stay strings.
        _ when number && double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => cell,
        _ => JsonSerializer.Serialize(cell, s_json),
    };

    private static string CsvCell(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
