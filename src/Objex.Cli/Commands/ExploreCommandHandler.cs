using System.CommandLine;
using Objex.Cli.Repl;
using Objex.Cli.Terminal;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>
/// <c>objex explore analysis.db [-c "go 12; in"] [--baseline A]</c> (also <c>objex analysis.db</c>): the REPL explorer.
/// In a terminal it prints the banner and edits lines with history and completion; with stdin not a
/// terminal it reads commands line by line and prints only their output; with -c it runs those commands.
/// </summary>
internal static class ExploreCommandHandler
{
    private static readonly Argument<string> s_file = new("analysis-db") { Description = "an analysis database made by make-analysis-db" };
    internal const string Name = "explore";

    /// <summary>A script (-c or piped) ran to its end but at least one of its commands failed.</summary>
    internal const int ScriptFailed = 1;

    private static readonly Option<string?> s_commands = new("--command", "-c")
    {
        Description = "run these commands (separated by ;) and exit; every command runs, and the exit code is 1 if any failed",
    };

    private static readonly Option<string?> s_baseline = new("--baseline")
    {
        Description = "an earlier dump of the same process (or its analysis database): objects new since it are marked, and `diff` lists what grew",
    };

    internal static void Register(RootCommand root)
    {
        var command = new Command(
            Name,
            "Explore an analysis database in the REPL (also: objex <analysis.db>). Scripted (-c, or commands piped in), "
            + "every command runs and the exit code is 1 if any failed")
        {
            s_file,
            s_commands,
            s_baseline,
        };
        command.SetAction((parse, cancel) => RunAsync(parse.GetValue(s_file)!, parse.GetValue(s_commands), parse.GetValue(s_baseline), cancel));
        root.Subcommands.Add(command);
    }

    /// <summary>
    /// Lets <c>objex analysis.db …</c> mean <c>objex explore analysis.db …</c>: when the first argument is
    /// neither an option nor a command name, it is a file to explore, unless it names no file and reads like a
    /// mistyped command (a bare word: no dot, no slash), which is then left to fail as an unknown command.
    /// </summary>
    internal static string[] AcceptBareFile(string[] args, RootCommand root)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || root.Subcommands.Any(c => c.Name == args[0] || c.Aliases.Contains(args[0])))
        {
            return args;
        }

        var bareWord = args[0].Length > 0 && args[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        if (bareWord && !File.Exists(args[0]) && !Directory.Exists(args[0]))
        {
            return args;
        }

        return [Name, .. args];
    }

    private static async Task<int> RunAsync(string path, string? script, string? baseline, CancellationToken cancel)
    {
        // Checked before the (possibly long) open of a big analysis. OBJEX_SEARCH_BUDGET: how many objects `in`'s
        // module and frame searches visit before they stop looking for more roots; OBJEX_SEED makes `go random`
        // and `root_summary` repeatable (scripts, tests).
        if (!EnvironmentNumbers.TryRead("OBJEX_SEARCH_BUDGET", 1, "a number of objects", out var budget, out var error)
            || !EnvironmentNumbers.TryRead("OBJEX_SEED", int.MinValue, "a whole number (the random seed)", out var seed, out error))
        {
            await Console.Error.WriteLineAsync("objex: " + error).ConfigureAwait(false);
            return CliErrors.BadInput;
        }

        QuerySession session;
        try
        {
            session = QuerySession.Open(path);
        }
        catch (ObjexFileException e)
        {
            await Console.Error.WriteLineAsync("objex: " + e.Message).ConfigureAwait(false);
            return CliErrors.BadInput;
        }

        using (session)
        {
            if (baseline is not null)
            {
                try
                {
                    DiffCommandHandler.AttachBaseline(session, baseline, cancel);
                }
                catch (QueryException e)
                {
                    await Console.Error.WriteLineAsync("objex: " + e.Message).ConfigureAwait(false);
                    return CliErrors.BadInput;
                }
            }

            if (budget is { } objects)
            {
                session.RootSearchBudget = objects;
            }

            var interactive = script is null && !Console.IsInputRedirected && RadLineEditor.IsSupported();
            var output = new ReplOutput(Console.Out, Console.Error, ReplOutput.ColorWanted());
            var context = new ReplContext(session, new ReplState(0), output, seed is { } fixedSeed ? new Random(fixedSeed) : new Random());
            var table = ReplCommandCatalog.Create(context);
            using ILineEditor editor = script is not null
                ? new ScriptLineEditor(ScriptSplitter.Split(script))
                : interactive
                    ? new RadLineEditor(HistoryFile.Default(), new FuncCompletion(table.Complete))
                    : new PlainLineEditor(Console.In);
            if (interactive)
            {
                Banner.Print(output, session);
            }

            await new ReplSession(context, table, editor).RunAsync().ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);

            // A person at the prompt saw each failure and went on; a script's caller only sees the exit code.
            return !interactive && output.ProblemCount > 0 ? ScriptFailed : 0;
        }
    }
}
