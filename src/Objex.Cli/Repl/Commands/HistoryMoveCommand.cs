using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>back</c> and <c>forward</c>: move through the objects visited, as a browser does. One class: they differ only in direction.</summary>
internal sealed class HistoryMoveCommand(ReplContext context, bool forward) : IReplCommand
{
    public string Name => forward ? "forward" : "back";

    public string Summary => forward ? "Go forward again after back" : "Go back to the previous object";

    public string Help => forward
        ? "forward\n  Returns to the object `back` left (until `go` starts a new history)."
        : "back\n  Returns to the object visited before this one (forward undoes it).";

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        var moved = forward ? context.State.Forward() : context.State.Back();
        if (!moved)
        {
            context.Output.Problem(forward ? "already at latest point in history" : "already at earliest point in history");
            return Task.CompletedTask;
        }

        ListCommand.PrintCurrent(context, context.State.Current);
        return Task.CompletedTask;
    }
}
