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

    [Theory]
    [InlineData("{\"id\": ID, \"mark\": \"half\\ud800pair\"}", "the name holds a lone surrogate")]
    [InlineData("{\"id\": ID, \"mark\": \"nul\\u0000byte\"}", "nul\\u0000byte cannot be a mark name")]
    [InlineData("{\"id\": ID, \"mark\": \"bell\\u0007\"}", "bell\\u0007 cannot be a mark name")]
    public async Task Should_refuse_a_mark_name_with_a_lone_surrogate_or_a_control_character_as_a_bad_request(string body, string shown)
    {
        var session = await server.SessionIdAsync(22);
        using var content = new StringContent(body.Replace("ID", session.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        using var response = await server.Http.PostAsync(new Uri("api/marks", UriKind.Relative), content);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        var after = await server.GetOkAsync($"api/objects/{session}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith($"mark: {shown}", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, after.GetProperty("marks").GetArrayLength());
    }

    [Fact]
    public async Task Should_refuse_a_mark_posted_from_another_origin_and_accept_one_from_its_own()
    {
        var session = await server.SessionIdAsync(23);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, new Uri("api/marks", UriKind.Relative)) { Content = JsonContent.Create(new { id = session, mark = "from-elsewhere" }) };
        foreign.Headers.Add("Origin", "http://evil.example");
        using var refused = await server.Http.SendAsync(foreign);
        using var own = new HttpRequestMessage(HttpMethod.Post, new Uri("api/marks", UriKind.Relative)) { Content = JsonContent.Create(new { id = session, mark = "from-the-page" }) };
        own.Headers.Add("Origin", server.Address.GetLeftPart(UriPartial.Authority));
        using var accepted = await server.Http.SendAsync(own);
        var after = await server.GetOkAsync($"api/objects/{session}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(["from-the-page"], after.GetProperty("marks").EnumerateArray().Select(m => m.GetString()));
    }

    private Task<HttpResponseMessage> PostMarkAsync(int id, string mark) =>
        server.Http.PostAsJsonAsync(new Uri("api/marks", UriKind.Relative), new { id, mark });
}
