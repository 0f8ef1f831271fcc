using System.CommandLine;
using System.Globalization;
using Objex.Snapshot;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>go &lt;target&gt;</c>: moves to an object and shows it.</summary>
internal sealed class GoCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<string> _target = new("target") { Description = "random, an id, module.path.attr, .attr, TypeName, module.TypeName or a mark" };

    public string Name => "go";

    public string Summary => "Go to an object: random, an id, module.attr.path, .attr, a type name or a mark";

    public string Help => """
        go random | <id> | <module.path.to.attr> | .<attr> | <TypeName> | <module.TypeName> | <mark>
          random            a random object
          3                 row 3 of the last listing, as typing 3 does; the object with id 3 when
                            the last listing has no row 3
          #12, <dict#12>    the object with that id, always: an id or a label as the explorer prints it
          os.path.sep       attribute path from a module (the longest module name that matches)
          .loggers[0]       attribute path from the current object ([n] indexes a list, ['k'] a dict)
          Order, app.Order  the type object of that name
          leak              an object marked with `mark leak`
        Typing a listed number is the same as going to that option.
        """;

    public bool TakesRawText => true;

    public Command Build()
    {
        var command = new Command(Name, Summary) { _target };
        _target.CompletionSources.Add(completion => TargetCompletion.Complete(context, completion.WordToComplete));
        return command;
    }

    public Task RunAsync(ReplCall call)
    {
        var row = ListedRow(call.Text, out var number);
        var id = row ?? context.Session.Resolve(call.Text, context.State.Current, context.Random);
        context.State.GoTo(id);
        ListCommand.PrintCurrent(context, id);
        if (row is { } listed && number < context.Session.ObjectCount && (int)listed != number)
        {
            // Both readings name an object: say which one was taken and how to ask for the other.
            context.Output.Line($"(row {number} of the last listing; the object with id {number} is go #{number})");
        }

        return Task.CompletedTask;
    }

    /// <summary>A bare number is a row of the last listing when it has one (typing the number alone does the same).</summary>
    private ObjId? ListedRow(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) ? context.State.Option(number) : null;
}
