using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>help</c> lists every command with one line; <c>help &lt;command&gt;</c> explains one.</summary>
internal sealed class HelpCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<string?> _command = new("command") { Arity = ArgumentArity.ZeroOrOne, Description = "a command to explain" };

    public string Name => "help";

    public string Summary => "List the commands, or explain one: help <command>";

    public string Help => "help [command]\n  Without a command, lists every command; with one (or a unique prefix), explains it.";

    public Command Build() => new(Name, Summary) { _command };

    public Task RunAsync(ReplCall call)
    {
        var table = context.Commands!;
        var output = context.Output;
        var name = call.Parse.GetValue(_command);
        if (name is not null)
        {
            var command = table.Resolve(name, out var problem) ?? throw new Objex.Query.QueryException(problem!);
            output.Line(command.Help.TrimEnd());
            return Task.CompletedTask;
        }

        output.Line("Commands (a unique prefix is enough: i = in; a listed number goes to that option, go #N to id N):");
        var width = table.Commands.Max(command => command.Name.Length);
        foreach (var command in table.Commands)
        {
            output.Line($"  {command.Name.PadRight(width)}  {command.Summary}");
        }

        output.Line("Type \"help <command>\" for more. Ctrl-C cancels a running command; exit or Ctrl-D leaves.");
        return Task.CompletedTask;
    }
}
