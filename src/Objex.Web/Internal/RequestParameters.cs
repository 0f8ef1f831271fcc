using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Objex.Web.Internal;

/// <summary>
/// Reads route and query parameters strictly: anything malformed or out of range becomes a 400 with a
/// sentence naming the parameter, instead of the framework's silent default or empty 400.
/// </summary>
internal static class RequestParameters
{
    /// <summary>The largest page any list endpoint returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>How deep a page may start (past the end is an empty page, not an error).</summary>
    public const int MaxOffset = 1_000_000_000;

    /// <summary>An object id: not a number is a 400; a number too large to be any object's id is a 404.</summary>
    public static Objex.Snapshot.ObjId ObjectId(string? text)
    {
        if (!string.IsNullOrEmpty(text) && text.Length > 9 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
            && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw ApiException.NotFound($"no object #{Shorten(text)}");
        }

        return (Objex.Snapshot.ObjId)(ParseInt("id", text, 0, int.MaxValue) ?? throw ApiException.BadRequest("missing object id"));
    }

    public static int Limit(HttpRequest request, int fallback, string name = "limit") => ParseInt(name, Single(request, name), 1, MaxLimit) ?? fallback;

    public static int Offset(HttpRequest request) => ParseInt("offset", Single(request, "offset"), 0, MaxOffset) ?? 0;

    public static int? OptionalId(HttpRequest request, string name) => ParseInt(name, Single(request, name), 0, int.MaxValue);

    public static string Required(HttpRequest request, string name)
    {
        var value = Single(request, name);
        return string.IsNullOrWhiteSpace(value) ? throw ApiException.BadRequest($"missing parameter '{name}'") : value.Trim();
    }

    /// <summary>A percentage more than 0 and at most 100, or <paramref name="fallback"/> when absent.</summary>
    public static double Percent(HttpRequest request, string name, double fallback)
    {
        var value = Single(request, name);
        if (value is null)
        {
            return fallback;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100
            ? percent
            : throw ApiException.BadRequest($"'{name}' must be a percentage more than 0 and at most 100, not '{Shorten(value)}'");
    }

    public static string Optional(HttpRequest request, string name) => Single(request, name)?.Trim() ?? "";

    /// <summary>One of a fixed set of words, or <paramref name="fallback"/> when absent.</summary>
    public static string Choice(HttpRequest request, string name, string fallback, params string[] choices)
    {
        var value = Single(request, name);
        if (value is null)
        {
            return fallback;
        }

        foreach (var choice in choices)
        {
            if (string.Equals(choice, value, StringComparison.Ordinal))
            {
                return choice;
            }
        }

        throw ApiException.BadRequest($"parameter '{name}' must be one of {string.Join(", ", choices)}, not '{value}'");
    }

    private static string? Single(HttpRequest request, string name)
    {
        var values = request.Query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw ApiException.BadRequest($"parameter '{name}' is given {values.Count} times ({Shorten(values.ToString())}): give it once"),
        };
    }

    private static int? ParseInt(string name, string? text, int min, int max)
    {
        if (text is null)
        {
            return null;
        }

        if (!IsInteger(text))
        {
            throw ApiException.BadRequest($"parameter '{name}' must be a whole number, not '{Shorten(text)}'");
        }

        // A whole number too large for an int is out of range like any other, not "not a number".
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiException.BadRequest(
                $"parameter '{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {Shorten(text)}");
    }

    /// <summary>An optional minus sign and digits, of any length.</summary>
    private static bool IsInteger(string text)
    {
        var digits = text.AsSpan(text.StartsWith('-') ? 1 : 0);
        return !digits.IsEmpty && digits.IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>Text quoted back in an error, cut at 40 characters.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
