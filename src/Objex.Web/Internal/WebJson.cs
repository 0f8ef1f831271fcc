using System.Text.Json;

namespace Objex.Web.Internal;

/// <summary>One JSON setting for the whole API: camelCase names, nulls kept (a missing len is null).</summary>
internal static class WebJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Enums as words ("Frame", "Weak"): the page and curl users read them.
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
