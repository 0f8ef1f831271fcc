using System.Text;

namespace Objex.Cli.Terminal;

/// <summary>
/// Text from a dump made safe and short for an HTML report: every string a program put in its heap (a str's value, a
/// dict key, an attribute, a class's or a thread's name) may hold <c>&lt;script&gt;</c> or be megabytes long, so each
/// piece is shortened first (by characters, with <c>…</c>) and then escaped; escaping at most sextuples it (<c>"</c>
/// becomes <c>&amp;quot;</c>), so a shortened piece has a known worst size.
/// </summary>
internal static class HtmlText
{
    /// <summary>Appends <paramref name="text"/> escaped for element content and quoted attribute values.</summary>
    internal static StringBuilder Escaped(this StringBuilder html, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),

                // Control characters (a NUL in a bytes repr that escaped nothing) have no place in HTML text.
                < ' ' and not ('\n' or '\t') => html.Append('\uFFFD'),
                _ => html.Append(c),
            };
        }

        return html;
    }

    /// <summary>Appends at most <paramref name="max"/> characters of <paramref name="text"/> (then <c>…</c>), escaped.</summary>
    internal static StringBuilder Escaped(this StringBuilder html, string text, int max) =>
        html.Escaped(Shorten(text, max));

    /// <summary>The text cut to <paramref name="max"/> characters, <c>…</c> marking the cut (never inside a surrogate pair).</summary>
    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
