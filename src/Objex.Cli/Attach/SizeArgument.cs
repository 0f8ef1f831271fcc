using System.Globalization;

namespace Objex.Cli.Attach;

/// <summary>Sizes as people type them on the command line (the query layer's ByteSize formats them back): <c>800M</c>, <c>2G</c>, <c>1.5GiB</c>, <c>512MB</c>, or plain bytes (powers of 1,024).</summary>
internal static class SizeArgument
{
    internal static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var s = text.Trim().ToUpperInvariant();
        foreach (var suffix in new[] { "IB", "B" })
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && s.Length > suffix.Length && char.IsLetter(s[^(suffix.Length + 1)]))
            {
                s = s[..^suffix.Length];
                break;
            }
        }

        var shift = s.Length > 0 ? s[^1] switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 } : 0;
        if (shift > 0)
        {
            s = s[..^1];
        }
        else if (s.EndsWith('B'))
        {
            s = s[..^1];
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsInfinity(value))
        {
            return false;
        }

        bytes = (long)(value * (1L << shift));
        return true;
    }
}
