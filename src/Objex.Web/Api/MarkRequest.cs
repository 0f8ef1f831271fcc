using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Objex.Query;
using Objex.Web.Internal;

namespace Objex.Web.Api;

/// <summary>
/// The body of <c>POST /api/marks</c>, <c>{"id": 12, "mark": "name"}</c>, read by hand rather than
/// bound to a record: binding turns every mistake into "not valid JSON" (even <c>{"id": 1e3}</c>,
/// which is valid JSON with a non-integer id), and the user needs to hear which field is wrong.
/// </summary>
internal sealed record MarkRequest(int Id, string Mark)
{
    private const string Shape = "{\"id\": 12, \"mark\": \"name\"}";

    public static async Task<MarkRequest> ReadAsync(HttpRequest request)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest($"the request body is not valid JSON; send {Shape}");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"the JSON body must be an object, {Shape}");
        }

        return new MarkRequest(IdOf(body), MarkOf(body));
    }

    private static int IdOf(JsonElement body)
    {
        if (!body.TryGetProperty("id", out var id))
        {
            throw ApiException.BadRequest("missing 'id' in the JSON body");
        }

        return id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var value)
            ? value
            : throw ApiException.BadRequest($"'id' in the JSON body must be an integer object id such as 12, not {RequestParameters.Shorten(id.GetRawText())}");
    }

    private static string MarkOf(JsonElement body)
    {
        string mark;
        try
        {
            mark = body.TryGetProperty("mark", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
        }
        catch (InvalidOperationException)
        {
            // "\ud800" alone is valid JSON but no string: GetString refuses it (it was a 500).
            throw ApiException.BadRequest("mark: the name holds a lone surrogate (\\uD800-\\uDFFF without its pair): use letters, digits, _ or -");
        }

        if (mark.Length == 0)
        {
            throw ApiException.BadRequest("missing 'mark' in the JSON body: a non-empty string");
        }

        return mark.Length <= QuerySession.MaxMarkLength
            ? mark
            : throw ApiException.BadRequest($"a mark name is at most {QuerySession.MaxMarkLength} characters, not {mark.Length:N0}");
    }
}
