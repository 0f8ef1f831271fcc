using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>out</c>: the current object's type and what it refers to, as the original objex showed them.</summary>
internal sealed class OutCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<string?> _row = ReferencePager.FirstRowArgument();

    public string Name => "out";

    public string Summary => "Show the current object's type and what it refers to";

    public string Help => """
        out [row]
          "Instance of <type>", "allocated at <file>:<line> in <function>" when the program traced
          with tracemalloc, then "<label> refers to N objects:" with one line per reference
          (the first 20): "ref: <label> (size=…, refcount=…)". Type a listed number to go there.
          "… N more": type more for the next 20; "out 41" lists only the references, from row 41.
        """;

    public Command Build() => new(Name, Summary) { _row };

    public Task RunAsync(ReplCall call)
    {
        var session = context.Session;
        var output = context.Output;
        var id = context.State.Current;
        context.State.ClearOptions();

        var firstRow = call.Parse.GetValue(_row);
        if (firstRow is null)
        {
            var type = session.TypeOf(id);
            context.Option(type.Id, $"Instance of {output.Label(type)}");
            if (session.AllocationSiteOf(id) is { } site)
            {
                output.Line($"allocated at {site}");
            }
        }

        var label = output.Label(session.Summarize(id));
        new ReferencePager(
            context,
            Name,
            (offset, limit) => session.Referents(id, limit, offset),
            (page, range) => $"{label} refers to {page.Total:N0} objects{range}:",
            row => $" {row.Edge}: {output.Info(row.Other)}{InCommand.KindNote(row.Kind)}")
            .PrintPageFrom(firstRow);
        output.Line();
        return Task.CompletedTask;
    }
}
