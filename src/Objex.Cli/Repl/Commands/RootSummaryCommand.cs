using System.CommandLine;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>root_summary [sample] [top]</c>: where a random sample of objects is held from.</summary>
internal sealed class RootSummaryCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<int> _sample = new("sample") { Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => 1000, Description = "objects to sample (default 1000)" };
    private readonly Argument<int> _top = new("top") { Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => 10, Description = "modules to list (default 10)" };

    public string Name => "root_summary";

    public string Summary => "Sample random objects: how many a module, only a frame, C or nothing holds, and the top modules";

    public string Help => """
        root_summary [sample] [top]
          Picks `sample` random objects (default 1000) and counts how many are reachable from a module,
          only from a thread's frames, held from C (no root reaches them, references the dump could not
          see hold them) or garbage; then the whole heap's totals held from C and garbage; then lists the
          `top` modules (default 10)
          that are the nearest module of the most sampled objects. When the process leaked, the leak
          dominates a random sample, so its module tops this list.
        """;

    public Command Build() => new(Name, Summary) { _sample, _top };

    public Task RunAsync(ReplCall call)
    {
        var sample = call.Parse.GetValue(_sample);
        var top = call.Parse.GetValue(_top);
        if (sample < 1 || top < 1)
        {
            throw new QueryException("root_summary: sample and top must be positive");
        }

        var summary = context.Session.SummarizeRoots(sample, top, context.Random, call.Cancellation);
        var output = context.Output;
        output.Line($"{summary.Sampled:N0} random objects:");
        output.Line($"  {summary.FromModules,9:N0} ({Percent(summary.FromModules, summary.Sampled)}) reachable from a module");
        output.Line($"  {summary.FromFramesOnly,9:N0} ({Percent(summary.FromFramesOnly, summary.Sampled)}) reachable only from frames");
        output.Line($"  {summary.HeldFromC,9:N0} ({Percent(summary.HeldFromC, summary.Sampled)}) held from C (no root reaches them)");
        output.Line($"  {summary.Garbage,9:N0} ({Percent(summary.Garbage, summary.Sampled)}) garbage");
        output.Line();
        HeapTotalsText.Print(output, context.Session.Totals(call.Cancellation));
        output.Line();
        context.State.ClearOptions();
        output.Line($"top {summary.TopModules.Count} nearest modules of the sample:");
        foreach (var entry in summary.TopModules)
        {
            context.Option(entry.Object.Id, $" {output.Label(entry.Object)} ({entry.Value:N0}, {Percent(entry.Value, summary.Sampled)})");
        }

        output.Line();
        return Task.CompletedTask;
    }

    private static string Percent(long part, long whole) => whole == 0 ? "0.0%" : $"{100.0 * part / whole:0.0}%";
}
