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
        var parse = root.Parse(ExploreCommandHandler.AcceptBareFile(args, root));
        return parse.Errors.Count > 0 ? UsageErrors.Report(parse, root, args) : parse.Invoke();
    }
}
