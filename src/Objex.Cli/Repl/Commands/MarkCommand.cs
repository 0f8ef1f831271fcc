using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>mark &lt;name&gt;</c>: names the current object so that <c>go &lt;name&gt;</c> returns to it, across sessions.</summary>
internal sealed class MarkCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<string> _name = new("name") { Description = "a name for the current object" };

    public string Name => "mark";

    public string Summary => "Name the current object (go <name> returns to it, in later sessions too)";

    public string Help => """
        mark <name>
          Marks the current object; its label then shows the mark in braces, and `go <name>` finds it.
          Marks are kept in the analysis database's object_mark table. A name marks one object:
          marking another object with it moves the mark.
        """;

    public Command Build() => new(Name, Summary) { _name };

    public Task RunAsync(ReplCall call)
    {
        var id = context.State.Current;
        context.Session.Mark(id, call.Parse.GetValue(_name)!);
        context.Output.Line($"marked {context.Output.Label(context.Session.Summarize(id))}");
        return Task.CompletedTask;
    }
}
