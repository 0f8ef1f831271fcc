using System.CommandLine;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>retained</c>: retained size, the dominator chain ("kept alive by"), and the largest objects kept alive.</summary>
internal sealed class RetainedCommand(ReplContext context) : IReplCommand
{
    public string Name => "retained";

    public string Summary => "Show the current object's retained size, what keeps it alive, and what it keeps alive";

    public string Help => """
        retained
          The bytes that would be freed if the current object went away (its retained size), the chain
          of objects that alone keep it alive (its dominators, nearest first, up to a root), and the
          largest objects that only it keeps alive. Type a listed number to go there.
        """;

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        var chain = context.Session.Retained(context.State.Current);
        var output = context.Output;
        context.State.ClearOptions();
        output.Line($"{output.Label(chain.Object)} retains {ByteSize.Format(chain.RetainedBytes)} ({chain.RetainedBytes:N0} bytes, shallow {chain.Object.Size:N0})");
        output.Line();
        output.Line($"kept alive by ({chain.RootDescription}):");
        foreach (var dominator in chain.KeptAliveBy)
        {
            context.Option(dominator.Id, $" {output.Label(dominator)} (retains {ByteSize.Format(dominator.Retained ?? 0)})");
        }

        if (chain.ChainLength == 0)
        {
            output.Line("  nothing but the root itself");
        }

        MorePrinter.PrintMore(output, chain.ChainLength, chain.KeptAliveBy.Count);

        output.Line();
        output.Line($"largest of the {chain.KeptCount:N0} objects it alone keeps alive:");
        foreach (var kept in chain.LargestKept)
        {
            context.Option(kept.Id, $" {output.Label(kept)} (retains {ByteSize.Format(kept.Retained ?? 0)})");
        }

        output.Line();
        return Task.CompletedTask;
    }
}
