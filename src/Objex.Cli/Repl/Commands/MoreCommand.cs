using System.CommandLine;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>more</c>: the next page of the last paged listing (<c>in</c>'s referrers, <c>out</c>'s references).</summary>
internal sealed class MoreCommand(ReplContext context) : IReplCommand
{
    public string Name => "more";

    public string Summary => "Continue the last listing of in or out with its next 20 rows";

    public string Help => """
        more
          After "… N more" under in's referrers or out's references, lists the next 20 rows.
          Their numbers carry on from the last number shown, and the earlier numbers still work.
          "in 41" and "out 41" list from row 41 directly (a new listing, numbered from 1).
        """;

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        var more = context.State.More ?? throw new QueryException("more: nothing to continue (more follows \"… N more\" under in or out)");
        context.State.More = null;
        more();
        context.Output.Line();
        return Task.CompletedTask;
    }
}
