using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary>
/// <c>path_to &lt;target&gt;</c> and <c>path_from &lt;target&gt;</c>: a shortest reference path between the current
/// object and another one, in either direction. One class for both: they differ only in direction.
/// </summary>
internal sealed class PathCommand(ReplContext context, bool towards) : IReplCommand
{
    private readonly Argument<string> _target = new("target") { Description = "any target `go` accepts" };

    public string Name => towards ? "path_to" : "path_from";

    public string Summary => towards
        ? "Show a shortest reference path from the current object to another"
        : "Show a shortest reference path from another object to the current one";

    public string Help => towards
        ? "path_to <target>\n  A shortest chain of references from the current object to <target> (any `go` target)."
        : "path_from <target>\n  A shortest chain of references from <target> (any `go` target) to the current object.";

    public bool TakesRawText => true;

    public Command Build()
    {
        _target.CompletionSources.Add(completion => TargetCompletion.Complete(context, completion.WordToComplete));
        return new Command(Name, Summary) { _target };
    }

    public Task RunAsync(ReplCall call)
    {
        var session = context.Session;
        var current = context.State.Current;
        var other = session.Resolve(call.Text, current, context.Random);
        var path = towards
            ? session.PathBetween(current, other, call.Cancellation)
            : session.PathBetween(other, current, call.Cancellation);
        var otherLabel = context.Output.Label(session.Summarize(other));
        var direction = towards ? "to" : "from";
        if (path is null)
        {
            context.Output.Problem($"no path found {direction} {otherLabel}");
            return Task.CompletedTask;
        }

        context.Output.Line($"path {direction} {otherLabel}");
        context.Output.Line(context.Output.Path(path));
        context.Output.Line();
        return Task.CompletedTask;
    }
}
