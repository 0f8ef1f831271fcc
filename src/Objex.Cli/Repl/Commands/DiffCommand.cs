using System.CommandLine;
using Objex.Cli.Commands;
using Objex.Cli.Terminal;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary>
/// <c>diff [A]</c>: takes A, an earlier dump of the same process, as the session's baseline (objects new since it are
/// marked), and lists what grew since A as numbered options, as <c>objex diff A B</c> lists it.
/// </summary>
internal sealed class DiffCommand(ReplContext context) : IReplCommand
{
    /// <summary>Growth entries listed (as <c>objex diff</c>'s default <c>--limit</c>).</summary>
    private const int Listed = 20;

    /// <summary>Types in the per-type table: the REPL shows the head of it, <c>objex diff</c> the rest.</summary>
    private const int TypesListed = 10;

    private readonly Argument<string?> _baseline = new("A") { Arity = ArgumentArity.ZeroOrOne, Description = "an earlier dump of this process, or its analysis database" };

    public string Name => "diff";

    public string Summary => "Compare with an earlier dump of this process: mark the objects new since it, list what grew";

    public string Help => """
        diff [A]
          diff A takes A, an earlier dump of the same process (or its analysis database; a dump is
          analysed once into NAME.analysis.db beside it), as the baseline: from then on objects created
          since A show "new" after their size (go, list, out) or after the reference (in). It then lists,
          as diff does with no argument, what grew since A: objects of one type at one place, most
          retained growth first, as `objex diff A B` does, each with what holds them and one of them,
          then the 10 types whose own bytes grew most (new, freed and surviving objects).
          Type a listed number to go to what holds them (to one of them when nothing does).
          `objex B --baseline A` opens B with A as its baseline.
        """;

    /// <summary>A path may hold spaces: the rest of the line is the file.</summary>
    public bool TakesRawText => true;

    public Command Build() => new(Name, Summary) { _baseline };

    public Task RunAsync(ReplCall call)
    {
        var session = context.Session;
        if (call.Text.Length > 0)
        {
            DiffCommandHandler.AttachBaseline(session, call.Text, call.Cancellation);
        }

        var diff = session.Baseline
            ?? throw new QueryException("diff: no baseline to compare with: diff A takes A, an earlier dump of this process, as the baseline (or open this one with --baseline A)");
        Print(diff, session.BaselineGrowth(Listed));
        return Task.CompletedTask;
    }

    private void Print(HeapDiff diff, IReadOnlyList<GrowthTarget> growth)
    {
        var output = context.Output;
        context.State.ClearOptions();
        output.Line($"A: {DiffCommandHandler.Side(diff.A)}");
        output.Line($"B: {DiffCommandHandler.Side(diff.B)} (this session)");
        output.Line(DiffCommandHandler.TotalGrowth(diff));
        output.Line($"{diff.NewInB.Count:N0} objects of B are new since A: \"new\" marks them");
        output.Line();
        if (growth.Count == 0)
        {
            output.Line("Nothing accumulated: no place holds more objects of a type than in A.");
        }
        else
        {
            PrintGrowth(diff, growth);
        }

        output.Line();
        var table = new System.Text.StringBuilder();
        DiffCommandHandler.TypeTable(table, diff, TypesListed, "(objex diff A B --limit N lists them)");
        foreach (var line in table.ToString().TrimEnd('\n').Split('\n'))
        {
            output.Line(line);
        }

        output.Line();
    }

    private void PrintGrowth(HeapDiff diff, IReadOnlyList<GrowthTarget> growth)
    {
        var output = context.Output;
        output.Line("What grew (objects of one type at one place, most retained growth first):");
        foreach (var target in growth)
        {
            context.Option(target.Target.Id, DiffCommandHandler.GrowthLine(target.Entry));
            var holder = target.Holder is { } h ? $"held by {output.Info(h)}; " : "";
            output.Line($"      {holder}one of them: {output.Info(target.Sample)}");
            foreach (var line in SiteText.AllocatedAt(target.Entry.AllocatedAt))
            {
                output.Line("      " + line);
            }
        }

        if (diff.Growth.Count > growth.Count)
        {
            output.Line($"  … and {diff.Growth.Count - growth.Count:N0} more places (objex diff A B --limit N lists them)");
        }
    }
}
