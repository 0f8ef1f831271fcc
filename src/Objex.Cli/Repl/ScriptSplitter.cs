using System.Text;

namespace Objex.Cli.Repl;

/// <summary>Splits <c>-c "go 12; in"</c> into commands at semicolons outside quotes (SQL keeps its strings).</summary>
internal static class ScriptSplitter
{
    internal static IReadOnlyList<string> Split(string script)
    {
        var commands = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        foreach (var c in script)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is ';' or '\n')
            {
                Flush();
                continue;
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
}
