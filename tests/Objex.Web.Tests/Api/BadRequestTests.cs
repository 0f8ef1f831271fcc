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

    [Theory]
    [InlineData("api/objects/1/in?offset=99999999999", "parameter 'offset' must be between 0 and 1000000000, not 99999999999")]
    [InlineData("api/objects/1/in?offset=-5", "parameter 'offset' must be between 0 and 1000000000, not -5")]
    [InlineData("api/objects/1/in?limit=5&limit=6", "parameter 'limit' is given 2 times (5,6): give it once")]
    [InlineData("api/objects/1/in?limit=five", "parameter 'limit' must be a whole number, not 'five'")]
    [InlineData("api/go?target=random&from=1&from=2", "parameter 'from' is given 2 times (1,2): give it once")]
    public async Task Should_say_what_is_wrong_with_a_parameter(string url, string message)
    {
        var (status, body) = await server.GetJsonAsync(url);

        Assert.Equal(400, status);
        Assert.Equal(message, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Should_refuse_a_foreign_host_header_with_the_json_error_the_api_documents()
    {
        // A page elsewhere that rebinds its DNS name to 127.0.0.1 sends its own name as Host.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/summary", UriKind.Relative));
        request.Headers.Host = "attacker.example";

        using var response = await server.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the Host header 'attacker.example' is refused: this server answers only localhost, 127.0.0.1, [::1] (a web page elsewhere must not reach it through its own name)",
            body.GetProperty("error").GetString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Should_answer_head_like_get_without_a_body()
    {
        using var head = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("api/summary", UriKind.Relative)));
        var body = await head.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(body);
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

    [Theory]
    [InlineData("{\"id\": 1e3, \"mark\": \"x\"}", "'id' in the JSON body must be an integer object id such as 12, not 1e3")]
    [InlineData("{\"id\": 12.5, \"mark\": \"x\"}", "'id' in the JSON body must be an integer object id such as 12, not 12.5")]
    [InlineData("{\"id\": 1}", "missing 'mark' in the JSON body: a non-empty string")]
    [InlineData("[1, \"x\"]", "the JSON body must be an object, {\"id\": 12, \"mark\": \"name\"}")]
    [InlineData("{not json", "the request body is not valid JSON; send {\"id\": 12, \"mark\": \"name\"}")]
    public async Task Should_say_which_field_of_a_mark_request_is_wrong(string json, string message)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await server.Http.PostAsync(new Uri("api/marks", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Should_not_write_on_a_get()
    {
        using var response = await server.Http.DeleteAsync(new Uri("api/summary", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
