using System.CommandLine;
using System.Globalization;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary>
/// Pages a list of references (<c>in</c>'s referrers, <c>out</c>'s referents) 20 rows at a time: prints one page as
/// numbered options, says how many rows are left, and leaves <c>more</c> the way to print the next page. A
/// continued page's numbers carry on from the last number shown, so every number printed so far still works.
/// </summary>
/// <param name="context">The session whose options and <c>more</c> continuation the pages set.</param>
/// <param name="command">The command's name, for its error lines.</param>
/// <param name="fetch">Rows <c>offset</c>.. (at most <c>limit</c>) and the list's total, from the query layer.</param>
/// <param name="header">The line above a page, given the page and the rows' range ("" on a first page).</param>
/// <param name="row">One row's text after its number.</param>
internal sealed class ReferencePager(
    ReplContext context,
    string command,
    Func<int, int, ReferenceList> fetch,
    Func<ReferenceList, string, string> header,
    Func<ReferenceRow, string> row)
{
    internal const int PageSize = 20;

    /// <summary>The optional first-row argument <c>in</c> and <c>out</c> take.</summary>
    internal static Argument<string?> FirstRowArgument() =>
        new("row") { Arity = ArgumentArity.ZeroOrOne, Description = "list from this row (1-based) instead of the first" };

    /// <summary>Prints the header and the page that starts at row <paramref name="offset"/> (0-based).</summary>
    internal void PrintPage(int offset)
    {
        var page = fetch(offset, PageSize);
        if (offset > 0 && offset >= page.Total)
        {
            throw new QueryException($"{command}: no row {offset + 1:N0}, the list has {page.Total:N0}");
        }

        var range = offset == 0 ? "" : $" ({offset + 1:N0} to {offset + page.Rows.Count:N0})";
        context.Output.Line(header(page, range));
        PrintRows(page, offset);
    }

    /// <summary>
    /// Prints the page an optional row argument asks for (<c>in 41</c>: from row 41; none: from the first) and
    /// returns whether it was a later page, after which in and out print nothing else.
    /// </summary>
    internal bool PrintPageFrom(string? firstRow)
    {
        if (firstRow is null)
        {
            PrintPage(0);
            return false;
        }

        if (!int.TryParse(firstRow, NumberStyles.None, CultureInfo.InvariantCulture, out var from) || from < 1)
        {
            throw new QueryException($"{command}: expected a row number (1 or more) to list from, not {firstRow}");
        }

        PrintPage(from - 1);
        return true;
    }

    private void PrintRows(ReferenceList page, int offset)
    {
        foreach (var reference in page.Rows)
        {
            context.Option(reference.Other.Id, row(reference));
        }

        var next = offset + page.Rows.Count;
        var left = page.Total - next;
        if (left <= 0)
        {
            return;
        }

        context.Output.Line($"  … {left:N0} more (\"more\" lists the next {Math.Min(left, PageSize)})");
        context.State.More = () => PrintPage(next);
    }
}
