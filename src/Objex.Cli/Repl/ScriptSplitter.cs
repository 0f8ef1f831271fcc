using System.Text;

namespace Objex.Cli.Repl;

/// <summary>
/// Splits <c>-c "go 12; in"</c> into commands at semicolons and newlines outside quotes. A <c>sql</c> command is read
/// as SQLite reads it: a semicolon inside a string literal (<c>'a;b'</c>, <c>''</c> escaping a quote), a quoted
/// identifier (<c>"a;b"</c>, <c>`a;b`</c>, <c>[a;b]</c>) or a <c>/* … */</c> comment does not end it, and a quote
/// inside a <c>--</c> comment opens nothing (the comment runs to the next semicolon or newline, since a one-line
/// <c>-c</c> has no other way to end it).
/// </summary>
internal static class ScriptSplitter
{
    internal static IReadOnlyList<string> Split(string script)
    {
        var commands = new List<string>();
        var current = new StringBuilder();
        char closing = '\0';        // the character that ends the quote or comment we are in ('*' for "*/")
        var lineComment = false;
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            if (closing != '\0')
            {
                if (closing == '*' ? c == '*' && At(script, i + 1, '/') : c == closing)
                {
                    closing = '\0';
                }
            }
            else if (c is ';' or '\n')
            {
                lineComment = false;
                Flush();
                continue;
            }
            else if (lineComment)
            {
                // Inside "-- …": nothing opens a quote.
            }
            else if (c is '\'' or '"')
            {
                closing = c;
            }
            else if (SqlPart(current) is var part && part != Part.NotSql)
            {
                if (c == '`')
                {
                    closing = '`';
                }
                else if (c == '[')
                {
                    closing = ']';
                }
                else if (c == '-' && At(script, i + 1, '-') && part == Part.Body)
                {
                    lineComment = true;
                }
                else if (c == '/' && At(script, i + 1, '*'))
                {
                    current.Append(c);
                    c = script[++i];
                    closing = '*';
                }
            }

            current.Append(c);
        }

        Flush();
        return commands;

        void Flush()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
            {
                commands.Add(text);
            }

            current.Clear();
        }
    }

    private static bool At(string script, int index, char c) => index < script.Length && script[index] == c;

    /// <summary>
    /// Where the command read so far is: not <c>sql …</c> (only SQL has brackets, backticks and comments as quotes),
    /// still in its options (<c>sql --csv</c>: that <c>--</c> is no comment), or in the SQL itself.
    /// </summary>
    private static Part SqlPart(StringBuilder command)
    {
        var text = command.ToString().AsSpan().TrimStart();
        if (!text.StartsWith("sql") || text.Length == 3 || !char.IsWhiteSpace(text[3]))
        {
            return Part.NotSql;
        }

        text = text[3..].TrimStart();
        while (text.StartsWith("--"))
        {
            var end = text.IndexOfAny(' ', '\t');
            if (end < 0)
            {
                return Part.Options;     // an option still being read
            }

            text = text[end..].TrimStart();
        }

        return text.IsEmpty ? Part.Options : Part.Body;
    }

    private enum Part
    {
        NotSql,
        Options,
        Body,
    }
}
