using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>forward</c>: undoes <c>back</c>.</summary>
internal sealed class ForwardCommand(ReplContext context) : IReplCommand
{
    public string Name => "forward";

    public string Summary => "Go forward again after back";

    public string Help => "forward\n  Returns to the object `back` left (until `go` starts a new history).";

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        if (!context.State.Forward())
        {
            context.Output.Problem("already at latest point in history");
            return Task.CompletedTask;
        }

        ListCommand.PrintCurrent(context, context.State.Current);
        return Task.CompletedTask;
    }
}
