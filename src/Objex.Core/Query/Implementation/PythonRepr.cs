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
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
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

        return builder.Append(quote).ToString();
    }

    /// <summary>Cuts text longer than <paramref name="max"/> characters, marking the cut with an ellipsis.</summary>
    internal static string Shorten(string text, int max = MaxValueLength) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
