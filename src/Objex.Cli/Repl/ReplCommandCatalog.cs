using Objex.Cli.Repl.Commands;

namespace Objex.Cli.Repl;

/// <summary>Every REPL command, wired to one session's context.</summary>
internal static class ReplCommandCatalog
{
    internal static ReplCommandTable Create(ReplContext context)
    {
        var table = new ReplCommandTable(
        [
            new GoCommand(context),
            new InCommand(context),
            new OutCommand(context),
            new MoreCommand(context),
            new ListCommand(context),
            new HistoryMoveCommand(context, forward: false),
            new HistoryMoveCommand(context, forward: true),
            new PathCommand(context, towards: true),
            new PathCommand(context, towards: false),
            new MarkCommand(context),
            new TopCommand(context),
            new RootSummaryCommand(context),
            new RetainedCommand(context),
            new SuspectsCommand(context),
            new DiffCommand(context),
            new StackCommand(context),
            new ThreadsCommand(context),
            new TasksCommand(context),
            new SqlCommand(context),
            new FindCommand(context),
            new HelpCommand(context),
            new ExitCommand(context),
        ]);
        context.Commands = table;
        return table;
    }
}
