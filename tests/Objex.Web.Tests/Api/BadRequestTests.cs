using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>Malformed or missing parameters get a 400 JSON error, unknown objects a 404, never a 500.</summary>
[Collection(LeakCollection.Name)]
public sealed class BadRequestTests(LeakServer server)
{
    [Theory]
    [InlineData("api/objects/abc", 400)]
    [InlineData("api/objects/-1", 400)]
    [InlineData("api/objects/1.5", 400)]
    [InlineData("api/objects/99999999", 404)]
    [InlineData("api/objects/99999999999999999999", 404)]
    [InlineData("api/objects/99999999/out", 404)]
    [InlineData("api/objects/99999999/paths", 404)]
    [InlineData("api/objects/99999999/retained", 404)]
    [InlineData("api/objects/1/out?limit=0", 400)]
    [InlineData("api/objects/1/out?limit=abc", 400)]
    [InlineData("api/objects/1/out?limit=100000", 400)]
    [InlineData("api/objects/1/in?offset=-5", 400)]
    [InlineData("api/objects/1/in?limit=1&limit=2", 400)]
    [InlineData("api/objects/1/paths?from=nowhere", 400)]
    [InlineData("api/go", 400)]
    [InlineData("api/go?target=", 400)]
    [InlineData("api/go?target=no_such_module_anywhere.thing", 404)]
    [InlineData("api/go?target=random&from=abc", 400)]
    [InlineData("api/go?target=.x&from=99999999", 404)]
    [InlineData("api/go?target=.__dict__", 400)]
    [InlineData("api/go?target=[0]", 400)]
    [InlineData("api/go?target=.no_such_attribute&from=0", 404)]
    [InlineData("api/dominators/xyz", 400)]
    [InlineData("api/dominators/99999999", 404)]
    [InlineData("api/top?by=nonsense", 400)]
    [InlineData("api/types?limit=-1", 400)]
    [InlineData("api/types/99999999/instances", 404)]
    [InlineData("api/nope", 404)]
    [InlineData("no-such-page.html", 404)]
    public async Task Should_answer_a_json_error_with_the_right_status(string url, int expected)
    {
        var (status, body) = await server.GetJsonAsync(url);

        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Should_refuse_a_stack_for_an_object_that_is_not_a_frame()
    {
        var registry = (await server.GetOkAsync("api/go?target=__main__.REGISTRY")).GetProperty("id").GetInt32();

        var (status, body) = await server.GetJsonAsync($"api/objects/{registry}/stack");

        Assert.Equal(400, status);
        Assert.Contains("frame", body.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{not json", 400)]
    [InlineData("{\"mark\": \"x\"}", 400)]
    [InlineData("{\"id\": 1}", 400)]
    [InlineData("{\"id\": \"one\", \"mark\": \"x\"}", 400)]
    [InlineData("{\"id\": 99999999, \"mark\": \"x\"}", 404)]
    public async Task Should_refuse_a_bad_mark_request(string json, int expected)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await server.Http.PostAsync(new Uri("api/marks", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Should_not_write_on_a_get()
    {
        using var response = await server.Http.DeleteAsync(new Uri("api/summary", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
