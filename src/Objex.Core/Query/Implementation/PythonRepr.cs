using System.Text;

namespace Objex.Query;

/// <summary>Python-style <c>repr()</c> of a str value, shortened for labels and paths.</summary>
internal static class PythonRepr
{
    /// <summary>Longest value text a label shows before cutting it with an ellipsis.</summary>
    internal const int MaxValueLength = 40;

    /// <summary><c>'text'</c> as Python would print it (double quotes when the text has a single quote and no double quote).</summary>
    internal static string Str(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(text.Length + 2);
        builder.Append(quote);
        return Append(builder, text, quote).Append(quote).ToString();
    }

    /// <summary>
    /// The text with control characters escaped as <see cref="Str"/> escapes them (<c>\n</c>, <c>\x1b</c>), nothing
    /// else changed: what the REPL prints of a dumped string must not move the cursor or recolour the terminal.
    /// </summary>
    internal static string ControlsEscaped(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return Append(new StringBuilder(text.Length + 8), text, quote: null).ToString();
            }
        }

        return text;
    }

    /// <summary>Appends <paramref name="text"/> with control characters escaped, and backslashes and the quote too when there is one.</summary>
    private static StringBuilder Append(StringBuilder builder, string text, char? quote)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' when quote is not null: builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\').Append(c);
                    }
                    else if (char.IsControl(c))
                    {
                        builder.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder;
    }

    /// <summary>Cuts text longer than <paramref name="max"/> characters, marking the cut with an ellipsis.</summary>
    internal static string Shorten(string text, int max = MaxValueLength) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
