using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>back</c>: returns to the previous object visited.</summary>
internal sealed class BackCommand(ReplContext context) : IReplCommand
{
    public string Name => "back";

    public string Summary => "Go back to the previous object";

    public string Help => "back\n  Returns to the object visited before this one (forward undoes it).";

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        if (!context.State.Back())
        {
            context.Output.Problem("already at earliest point in history");
            return Task.CompletedTask;
        }

        ListCommand.PrintCurrent(context, context.State.Current);
        return Task.CompletedTask;
    }
}
