using System.CommandLine;
using Objex.Cli.Commands;
using Objex.Cli.Terminal;

namespace Objex.Cli;

/// <summary>Entry point of the `objex` tool: one System.CommandLine tree for every command.</summary>
internal static class Program
{
    internal static int Main(string[] args)
    {
        var root = new RootCommand("objex: explore the object graph of a Python process");
        VersionCommandHandler.Register(root);
        MakeAnalysisDbCommandHandler.Register(root);
        WebCommandHandler.Register(root);
        ExploreCommandHandler.Register(root);
        AttachCommandHandler.Register(root);
        CaptureCommandHandler.Register(root);
        SuspectsCommandHandler.Register(root);
        SummaryCommandHandler.Register(root);
        DiffCommandHandler.Register(root);
        ExportCommandHandler.Register(root);
        var parse = root.Parse(ExploreCommandHandler.AcceptBareFile(args, root));
        if (parse.Errors.Count > 0)
        {
            return UsageErrors.Report(parse, root, args);
        }

        // The REPL owns Ctrl-C: it cancels the running command and the session goes on. System.CommandLine's own
        // handler would also cancel the whole invocation, and once it has, the session's exit code becomes 130
        // however it later ends. make-analysis-db and web keep it: Ctrl-C is how they are stopped.
        var ownsCtrlC = parse.CommandResult.Command.Name == ExploreCommandHandler.Name;
        return parse.Invoke(ownsCtrlC ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null);
    }
}
