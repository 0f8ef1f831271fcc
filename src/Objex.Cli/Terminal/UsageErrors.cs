using System.CommandLine;

namespace Objex.Cli.Terminal;

/// <summary>
/// A mistake on the command line itself (unknown command or option, missing or bad value): one line on stderr
/// naming it, with where to look, and exit code 2 like every other bad input. System.CommandLine would print the
/// whole help on stdout and exit 1, which buries the one line that matters and looks like success to a pipe.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Prints the first parse error as <c>objex: … (see objex [command] --help)</c>; returns <see cref="CliErrors.BadInput"/>.</summary>
    internal static int Report(ParseResult parse, RootCommand root, string[] args)
    {
        var command = parse.CommandResult.Command;
        var help = command == root ? "objex --help" : $"objex {command.Name} --help";
        Console.Error.WriteLine($"objex: {Problem(parse, root, args)} (see {help})");
        return CliErrors.BadInput;
    }

    private static string Problem(ParseResult parse, RootCommand root, string[] args)
    {
        if (args.Length == 0)
        {
            return "expected a command or an analysis database";
        }

        if (parse.CommandResult.Command == root && !args[0].StartsWith('-') && !root.Subcommands.Any(c => c.Name == args[0]))
        {
            // AcceptBareFile left a word that names no file to be parsed as a command: say both.
            var closest = root.Subcommands.Select(c => c.Name).FirstOrDefault(name => LooksLike(args[0], name));
            var suggestion = closest is null ? "" : $" (did you mean {closest}?)";
            return $"unknown command '{args[0]}'{suggestion}, and no file of that name to explore";
        }

        // An unknown option makes System.CommandLine report a missing command first: the stray word is the news.
        if (parse.UnmatchedTokens.Count > 0)
        {
            return $"unrecognized command or argument '{parse.UnmatchedTokens[0]}'";
        }

        var message = parse.Errors[0].Message.TrimEnd('.');
        return message.Length == 0 ? "bad command line" : char.ToLowerInvariant(message[0]) + message[1..];
    }

    /// <summary>A typo of <paramref name="name"/>: a prefix either way, or at most two edits away.</summary>
    private static bool LooksLike(string word, string name) =>
        name.StartsWith(word, StringComparison.Ordinal) || word.StartsWith(name, StringComparison.Ordinal) || EditDistance(word, name) <= 2;

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
