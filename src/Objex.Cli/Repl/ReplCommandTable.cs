using System.CommandLine;
using System.CommandLine.Parsing;
using Objex.Query;

namespace Objex.Cli.Repl;

/// <summary>
/// The REPL's one command tree: resolves a typed word to a command (exact name or unique prefix), parses the
/// line with System.CommandLine, runs the command, and answers Tab completion from the same tree.
/// </summary>
internal sealed class ReplCommandTable
{
    private readonly Command _root = new("objex", "objex explorer");
    private readonly SortedDictionary<string, IReplCommand> _commands = new(StringComparer.Ordinal);

    internal ReplCommandTable(IEnumerable<IReplCommand> commands)
    {
        foreach (var command in commands)
        {
            _commands.Add(command.Name, command);
            _root.Subcommands.Add(command.Build());
        }
    }

    internal IEnumerable<IReplCommand> Commands => _commands.Values;

    /// <summary>The command a typed word names: the exact name, else the only command it is a prefix of.</summary>
    /// <param name="word">What was typed.</param>
    /// <param name="problem">Why nothing was found (unknown or ambiguous), for the user.</param>
    internal IReplCommand? Resolve(string word, out string? problem)
    {
        problem = null;
        if (_commands.TryGetValue(word, out var exact))
        {
            return exact;
        }

        var matches = _commands.Keys.Where(name => name.StartsWith(word, StringComparison.Ordinal)).ToList();
        switch (matches.Count)
        {
            case 1:
                return _commands[matches[0]];
            case 0:
                problem = $"unknown command: {word} (type \"help\" for the commands)";
                return null;
            default:
                problem = $"ambiguous command: {word} could be {string.Join(", ", matches)}";
                return null;
        }
    }

    /// <summary>Runs one line (already known not to be empty or a number).</summary>
    internal async Task ExecuteAsync(string line, ReplContext context, CancellationToken cancellationToken)
    {
        var (word, rest) = SplitFirstWord(line);
        var command = Resolve(word, out var problem);
        if (command is null)
        {
            context.Output.Problem(problem!);
            return;
        }

        // The original objex refused abbreviations of "exit" so that a stray "e" never ends a session.
        if (command.Name == "exit" && word != "exit")
        {
            context.Output.Problem("type \"exit\" to quit the console");
            return;
        }

        var tokens = new List<string> { command.Name };
        if (!command.TakesRawText)
        {
            tokens.AddRange(CommandLineParser.SplitCommandLine(rest));
        }
        else if (rest.Length > 0)
        {
            // SQL and patterns keep their quotes and spaces: one token, read verbatim from ReplCall.Text.
            tokens.Add(rest);
        }

        var parse = _root.Parse(tokens);
        if (parse.Errors.Count > 0)
        {
            context.Output.Problem($"{command.Name}: {parse.Errors[0].Message} (usage: {FirstLine(command.Help)})");
            return;
        }

        try
        {
            await command.RunAsync(new ReplCall(parse, rest, context, cancellationToken)).ConfigureAwait(false);
        }
        catch (QueryException e)
        {
            context.Output.Problem(e.Message);
        }
    }

    /// <summary>Completions for the word being typed, given the text before it: command names first, then argument values.</summary>
    internal IEnumerable<string> Complete(string before, string word)
    {
        var text = before + word;
        var parse = _root.Parse(text);
        return parse.GetCompletions(text.Length)
            .Select(item => item.InsertText ?? item.Label)
            .Where(candidate => candidate.StartsWith(word, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    internal static (string Word, string Remainder) SplitFirstWord(string line)
    {
        var trimmed = line.Trim();
        var space = trimmed.AsSpan().IndexOfAny(' ', '\t');
        return space < 0 ? (trimmed, "") : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }

    internal static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
