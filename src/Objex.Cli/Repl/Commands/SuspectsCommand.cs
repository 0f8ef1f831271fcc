using System.CommandLine;
using Objex.Cli.Terminal;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>suspects [pct]</c>: the leak suspects (as <c>objex suspects</c> prints them), as numbered options.</summary>
internal sealed class SuspectsCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<double?> _threshold = new("pct") { Arity = ArgumentArity.ZeroOrOne, Description = "the share of the heap a suspect retains at least, in percent (default 10)" };

    public string Name => "suspects";

    public string Summary => "Name the leak suspects: what retains a large share of the heap, and what accumulates there";

    public string Help => """
        suspects [pct]
          The objects that retain at least pct% of the heap (default 10), modules, classes, functions
          and frames looked through, each followed down to its accumulation point (where its size
          spreads over many children), with what accumulates there by type, its root path, a sample
          path and, on a thread's stack, the thread, frame and local; then groups of many alike objects
          no container holds (garbage cycles), the garbage and what only thread stacks keep alive.
          Type a listed number to go to that suspect's accumulation point.
        """;

    public Command Build() => new(Name, Summary) { _threshold };

    public Task RunAsync(ReplCall call)
    {
        var percent = call.Parse.GetValue(_threshold) ?? QuerySession.DefaultSuspectThreshold * 100;
        if (!(percent > 0 && percent <= 100))
        {
            throw new QueryException($"suspects: expected a percentage of the heap, more than 0 and at most 100, not {percent}");
        }

        var report = context.Session.Suspects(percent / 100, call.Cancellation);
        context.State.ClearOptions();
        for (var i = 0; i < report.Suspects.Count; i++)
        {
            var suspect = report.Suspects[i];
            context.Option(suspect.AccumulationPoint.Id, SuspectReportText.Headline(i + 1, suspect));
            foreach (var line in SuspectReportText.Details(suspect, context.Output.Label, context.Output.Path))
            {
                context.Output.Line(line);
            }

            context.Output.Line();
        }

        foreach (var line in SuspectReportText.Footer(report))
        {
            context.Output.Line(line);
        }

        context.Output.Line();
        return Task.CompletedTask;
    }
}
