using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>out</c>: the current object's type and what it refers to, as the original objex showed them.</summary>
internal sealed class OutCommand(ReplContext context) : IReplCommand
{
    public string Name => "out";

    public string Summary => "Show the current object's type and what it refers to";

    public string Help => """
        out
          "Instance of <type>", then "<label> refers to N objects:" with one line per reference
          (the first 20): "ref: <label> (size=…, refcount=…)". Type a listed number to go there.
        """;

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        var session = context.Session;
        var output = context.Output;
        var id = context.State.Current;
        context.State.ClearOptions();

        var type = session.TypeOf(id);
        context.Option(type.Id, $"Instance of {output.Label(type)}");

        var referents = session.Referents(id);
        output.Line($"{output.Label(session.Summarize(id))} refers to {referents.Total:N0} objects:");
        foreach (var row in referents.Rows)
        {
            context.Option(row.Other.Id, $" {row.Edge}: {output.Info(row.Other)}{InCommand.KindNote(row.Kind)}");
        }

        MorePrinter.PrintMore(output, referents.Total, referents.Rows.Count);
        output.Line();
        return Task.CompletedTask;
    }
}
