using System.CommandLine;
using Objex.Cli.Repl;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>
/// <c>objex explore analysis.db [-c "go 12; in"]</c> (also <c>objex analysis.db</c>): the REPL explorer.
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

    internal static void Register(RootCommand root)
    {
        var command = new Command(
            Name,
            "Explore an analysis database in the REPL (also: objex <analysis.db>). Scripted (-c, or commands piped in), "
            + "every command runs and the exit code is 1 if any failed")
        {
            s_file,
            s_commands,
        };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(s_file)!, parse.GetValue(s_commands)));
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

    private static async Task<int> RunAsync(string path, string? script)
    {
        // Checked before the (possibly long) open of a big analysis.
        if (!TryReadSearchBudget(out var budget, out var budgetError))
        {
            await Console.Error.WriteLineAsync("objex: " + budgetError).ConfigureAwait(false);
            return 2;
        }

        QuerySession session;
        try
        {
            session = QuerySession.Open(path);
        }
        catch (ObjexFileException e)
        {
            await Console.Error.WriteLineAsync("objex: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        using (session)
        {
            if (budget is { } objects)
            {
                session.RootSearchBudget = objects;
            }

            var interactive = script is null && !Console.IsInputRedirected && RadLineEditor.IsSupported();
            var output = new ReplOutput(Console.Out, Console.Error, ReplOutput.ColorWanted());
            var context = new ReplContext(session, new ReplState(0), output, CreateRandom());
            var table = ReplCommandCatalog.Create(context);
            using ILineEditor editor = script is not null
                ? new ScriptLineEditor(ScriptSplitter.Split(script))
                : interactive
                    ? new RadLineEditor(HistoryFile.Default(), new FuncCompletion(table.Complete))
                    : new PlainLineEditor(Console.In);
            if (interactive)
            {
                Banner.Print(output, session.Info);
            }

            await new ReplSession(context, table, editor).RunAsync().ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);

            // A person at the prompt saw each failure and went on; a script's caller only sees the exit code.
            return !interactive && output.ProblemCount > 0 ? ScriptFailed : 0;
        }
    }

    /// <summary>
    /// OBJEX_SEARCH_BUDGET: how many objects <c>in</c>'s module and frame searches visit before they stop looking
    /// for more roots (a larger budget lists more roots on a big heap, at the cost of time).
    /// </summary>
    private static bool TryReadSearchBudget(out int? budget, out string error)
    {
        budget = null;
        error = "";
        var text = Environment.GetEnvironmentVariable("OBJEX_SEARCH_BUDGET");
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var objects) || objects < 1)
        {
            error = $"OBJEX_SEARCH_BUDGET={text}: expected a number of objects, 1 or more";
            return false;
        }

        budget = objects;
        return true;
    }

    /// <summary>OBJEX_SEED makes <c>go random</c> and <c>root_summary</c> repeatable (scripts, tests).</summary>
    private static Random CreateRandom() =>
        int.TryParse(Environment.GetEnvironmentVariable("OBJEX_SEED"), out var seed) ? new Random(seed) : new Random();
}
