using System.Text.RegularExpressions;

namespace Objex.Query;

/// <summary>
/// <c>go</c> (the REPL's and the web's go box) also takes what the explorer prints, so a label can be pasted back: an object's label
/// (<c>&lt;dict#53141&gt;</c>, <c>&lt;frame &lt;module&gt;#8316&gt;</c>, <c>&lt;str#12 'a#5'&gt;</c>,
/// <c>&lt;app.Order#7 {leak}&gt;</c>) or <c>#53141</c>, the id as labels print it. Both name an object by
/// its id. The id is the first <c>#digits</c> of a label: type, module, function and frame names
/// come before it and cannot hold a <c>#</c>; a value or mark that can comes after it.
/// </summary>
public static partial class LabelledId
{
    /// <summary>The id's digits when <paramref name="target"/> is a label or <c>#N</c>, else null.</summary>
    public static string? Digits(string target)
    {
        var match = Pattern().Match(target);
        return match.Success ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"^(?:#(?<id>[0-9]+)|<[^#]*#(?<id>[0-9]+)(?:\s.*)?>)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
