using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Repl.Commands;

/// <summary>
/// Prints merged groups as numbered options (a number goes to the group's largest object): a type's instances by
/// where they are held (<c>in</c>), and what an object keeps alive by type and path below it (<c>retained</c>).
/// </summary>
internal static class GroupPrinter
{
    /// <summary>"3,000 of 3,500 store.Event via &lt;module store&gt;.ROOM_HISTORY[*][*] (retains 164.1 KiB)", then the rest in one line.</summary>
    internal static void PrintMergedPaths(ReplContext context, ObjId type, string typeLabel, CancellationToken cancellationToken)
    {
        var merged = context.Session.MergedRootPathsOfType(type, cancellationToken: cancellationToken);
        if (merged.Total == 0)
        {
            return;
        }

        var output = context.Output;
        output.Line();
        output.Line($"where the {merged.Total:N0} instances of {typeLabel} are held (their root paths, indexes and keys merged):");
        foreach (var group in merged.Groups)
        {
            context.Option(
                group.Sample.Id,
                $" {group.Count:N0} of {merged.Total:N0} {group.Sample.TypeName} {(group.Path.IsReached ? "via " : "")}{group.Path.Text} (retains {ByteSize.Format(group.RetainedBytes)})");
        }

        if (merged.OtherGroups > 0)
        {
            output.Line($"  … {merged.OtherCount:N0} more held in {merged.OtherGroups:N0} other ways");
        }
    }

    /// <summary>"2,501 × store.Sample, 2.6 MiB via [*]" per group; nothing when no two children are alike (the largest list says it all).</summary>
    internal static void PrintKeptGroups(ReplContext context, ObjId node, int childCount, CancellationToken cancellationToken)
    {
        var groups = context.Session.KeptGroups(node, cancellationToken: cancellationToken);
        if (!groups.Any(g => g.Count > 1))
        {
            return;
        }

        context.Output.Line();
        context.Output.Line("what it keeps alive directly, by type and where below it:");
        foreach (var group in groups)
        {
            var below = group.PathBelow is null ? "" : " via " + group.PathBelow;
            context.Option(group.Sample.Id, $" {group.Count:N0} × {group.TypeName}, {ByteSize.Format(group.RetainedBytes)}{below}");
        }

        MorePrinter.PrintMore(context.Output, childCount, (int)Math.Min(groups.Sum(g => g.Count), int.MaxValue));
    }
}
