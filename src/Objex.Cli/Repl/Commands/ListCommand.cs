using System.CommandLine;
using Objex.Snapshot;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>list [target]</c>: shows the current object, or another one without moving.</summary>
internal sealed class ListCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<string?> _target = new("target") { Arity = ArgumentArity.ZeroOrOne, Description = "an object to show without going to it" };

    public string Name => "list";

    public string Summary => "Show the current object (or another one, without going to it)";

    public string Help => """
        list [target]
          Prints "Now at: <label> (size=…, refcount=…, len=…)" for the current object, or "Listing: …"
          for any target `go` accepts, without moving.
        """;

    public bool TakesRawText => true;

    public Command Build()
    {
        _target.CompletionSources.Add(completion => TargetCompletion.Complete(context, completion.WordToComplete));
        return new Command(Name, Summary) { _target };
    }

    public Task RunAsync(ReplCall call)
    {
        var id = call.Text.Length == 0 ? context.State.Current : context.Session.Resolve(call.Text, context.State.Current, context.Random);
        PrintCurrent(context, id);
        return Task.CompletedTask;
    }

    /// <summary>The original objex's listing: a blank line, then "Now at:" (or "Listing:" for another object).</summary>
    internal static void PrintCurrent(ReplContext context, ObjId id)
    {
        var summary = context.Session.Summarize(id);
        var prefix = id == context.State.Current ? "Now at:" : "Listing:";
        context.Output.Line();
        context.Output.Line($"{prefix} {context.Output.Info(summary)}");
    }
}
