using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary><c>/api/top?by=retained&amp;nested=false</c> ranks as the REPL's <c>top retained</c>: containers, none inside another.</summary>
[Collection(LeakCollection.Name)]
public sealed class TopNestedTests(LeakServer server)
{
    [Fact]
    public async Task Should_list_the_registry_but_not_the_sessions_list_it_keeps_alive_and_no_module()
    {
        var registry = (await server.GetOkAsync("api/go?target=__main__.REGISTRY")).GetProperty("id").GetInt32();
        var sessions = (await server.GetOkAsync("api/go?target=__main__.REGISTRY.sessions")).GetProperty("id").GetInt32();

        var flat = (await server.GetOkAsync("api/top?by=retained&nested=false&limit=10")).GetProperty("rows").EnumerateArray().ToList();
        var nested = (await server.GetOkAsync("api/top?by=retained&limit=10")).GetProperty("rows").EnumerateArray().ToList();
        var (status, body) = await server.GetJsonAsync("api/top?by=retained&nested=maybe");

        var flatIds = flat.Select(r => r.GetProperty("object").GetProperty("id").GetInt32()).ToList();
        Assert.Equal(registry, flatIds[0]);
        Assert.DoesNotContain(sessions, flatIds);
        Assert.DoesNotContain(flat, r => r.GetProperty("object").GetProperty("kind").GetString() is "Module" or "Frame" or "Type");
        Assert.Contains(nested, r => r.GetProperty("object").GetProperty("id").GetInt32() == sessions);
        Assert.Equal(400, status);
        Assert.Contains("nested", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
