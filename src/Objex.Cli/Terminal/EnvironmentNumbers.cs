using System.Globalization;

namespace Objex.Cli.Terminal;

/// <summary>
/// Whole-number settings read from the environment (OBJEX_SEED, OBJEX_SEARCH_BUDGET): unset means "not given";
/// a value that is not a whole number (of at least <c>min</c>) is a one-line error, never silently ignored (a
/// mistyped seed would make a "repeatable" script quietly random).
/// </summary>
internal static class EnvironmentNumbers
{
    internal static bool TryRead(string name, int min, string meaning, out int? value, out string error)
    {
        value = null;
        error = "";
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min)
        {
            error = min == int.MinValue ? $"{name}={text}: expected {meaning}" : $"{name}={text}: expected {meaning}, {min} or more";
            return false;
        }

        value = number;
        return true;
    }
}
