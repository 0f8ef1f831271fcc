using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>exit</c>: ends the session (so does Ctrl-D).</summary>
internal sealed class ExitCommand(ReplContext context) : IReplCommand
{
    public string Name => "exit";

    public string Summary => "Leave the explorer (Ctrl-D also works)";

    public string Help => "exit\n  Ends the session. It must be typed in full; Ctrl-D on an empty line does the same.";

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        context.ExitRequested = true;
        return Task.CompletedTask;
    }
}
