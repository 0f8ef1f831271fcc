using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>Marks through the API: a length limit, and every mark of an object shown.</summary>
[Collection(LeakCollection.Name)]
public sealed class MarkTests(LeakServer server)
{
    [Fact]
    public async Task Should_refuse_a_mark_name_longer_than_200_characters_with_a_json_error()
    {
        var session = await server.SessionIdAsync(20);

        using var tooLong = await PostMarkAsync(session, new string('m', 100_000));
        var error = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        using var longest = await PostMarkAsync(session, new string('k', 200));
        var marked = await server.GetOkAsync($"api/objects/{session}");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("a mark name is at most 200 characters, not 100,000", error.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        Assert.Equal([new string('k', 200)], marked.GetProperty("marks").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Should_show_both_marks_of_an_object_marked_twice()
    {
        var session = await server.SessionIdAsync(21);

        using var first = await PostMarkAsync(session, "first-name");
        using var second = await PostMarkAsync(session, "second-name");
        var shown = await server.GetOkAsync($"api/objects/{session}");
        var byFirst = await server.GetOkAsync("api/go?target=first-name");

        Assert.EndsWith(" {first-name, second-name}>", shown.GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Equal(["first-name", "second-name"], shown.GetProperty("marks").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(session, byFirst.GetProperty("id").GetInt32());
    }

    private Task<HttpResponseMessage> PostMarkAsync(int id, string mark) =>
        server.Http.PostAsJsonAsync(new Uri("api/marks", UriKind.Relative), new { id, mark });
}
