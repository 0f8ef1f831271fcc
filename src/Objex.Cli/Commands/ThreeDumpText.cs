using System.Globalization;
using System.Text;
using Objex.Query;

namespace Objex.Cli.Commands;

/// <summary>
/// `objex diff A B C` as text: the three dumps and each interval's growth, then what grew (marked <c>*</c> when it grew
/// in both intervals, listed first), then what was created between A and B and is still alive in C.
/// </summary>
internal static class ThreeDumpText
{
    internal static string Text(ThreeDumpDiff diff, DiffCommandHandler.TextOptions options)
    {
        var limit = options.Limit;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"A: {DiffCommandHandler.Side(diff.A)}\n");
        text.Append(CultureInfo.InvariantCulture, $"B: {DiffCommandHandler.Side(diff.B)}\n");
        text.Append(CultureInfo.InvariantCulture, $"C: {DiffCommandHandler.Side(diff.C)}\n");
        text.Append(CultureInfo.InvariantCulture, $"growth A→B: {DiffCommandHandler.Growth(diff.A, diff.B)}\n");
        text.Append(CultureInfo.InvariantCulture, $"growth B→C: {DiffCommandHandler.Growth(diff.B, diff.C)}\n");
        DiffCommandHandler.Forced(text, diff.MatchedByAddress);
        text.Append('\n');
        if (diff.Growth.Count == 0)
        {
            text.Append("Nothing accumulated: no place holds more objects of a type in B than in A, or in C than in B.\n");
        }
        else
        {
            text.Append("What grew (objects of one type at one place; * grew in both intervals, the surest sign of a leak, listed first):\n");
            for (var i = 0; i < Math.Min(limit, diff.Growth.Count); i++)
            {
                var g = diff.Growth[i];
                text.Append(CultureInfo.InvariantCulture,
                    $"{i + 1,3} {(g.GrewInBoth ? '*' : '-')} {DiffCommandHandler.GrowthLine(g.CountDelta, g.TypeName, g.RetainedDelta, g.Path)}"
                    + $"  ({Interval("A→B", g.First)}, {Interval("B→C", g.Second)})\n");
                DiffCommandHandler.AllocatedAt(text, (g.Second ?? g.First)?.AllocatedAt);
            }

            DiffCommandHandler.More(text, diff.Growth.Count - limit, "places");
        }

        text.Append('\n');
        if (diff.StillAlive is not { } alive)
        {
            text.Append("Created between A and B and still alive in C: not known under --force (no object is matched).\n");
        }
        else if (alive.Count == 0)
        {
            text.Append("Created between A and B and still alive in C: nothing.\n");
        }
        else
        {
            text.Append("Created between A and B and still alive in C (objects of one type at one place, most retained first):\n");
            for (var i = 0; i < Math.Min(limit, alive.Count); i++)
            {
                var s = alive[i];
                text.Append(CultureInfo.InvariantCulture,
                    $"{i + 1,3} - {s.Objects:N0} {s.TypeName} ({ByteSize.Format(s.RetainedBytes)} retained) {s.Path.Text}\n");
            }

            DiffCommandHandler.More(text, alive.Count - limit, "places");
        }

        if (options.BySite)
        {
            DiffCommandHandler.SitesTable(text, "A→B", diff.First.Sites, limit);
            DiffCommandHandler.SitesTable(text, "B→C", diff.Second.Sites, limit);
        }

        text.Append("\n(each interval's per-type table: objex diff A B, objex diff B C; all of it: --json)\n");
        return text.ToString();
    }

    private static string Interval(string name, GrowthEntry? growth) =>
        growth is null ? name + " no growth"
        : growth.CountDelta != 0 ? name + " " + Signed(growth.CountDelta)
        : name + " " + Signed(growth.RetainedDelta, bytes: true) + " retained";

    private static string Signed(long value, bool bytes = false) => DiffCommandHandler.Signed(value, bytes);
}
