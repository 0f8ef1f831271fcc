using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// <c>GET /api/suspects</c> over the real analysis of Targets/session_leak.py: the first suspect is the list of
/// LeakedSession objects under <c>__main__.REGISTRY.sessions</c>.
/// </summary>
[Collection(LeakCollection.Name)]
public sealed class SuspectsApiTests(LeakServer server)
{
    [Fact]
    public async Task Should_name_the_sessions_list_and_the_leaked_type_first()
    {
        var report = await server.GetOkAsync("api/suspects");

        var first = report.GetProperty("suspects")[0];
        Assert.Equal("Single", first.GetProperty("kind").GetString());
        Assert.Equal("<module __main__>.REGISTRY.sessions", first.GetProperty("where").GetProperty("text").GetString());
        Assert.Equal("list", first.GetProperty("accumulationPoint").GetProperty("typeName").GetString());
        // main()'s local `last` keeps one session too: the list alone keeps the other 2,999 alive.
        var accumulated = first.GetProperty("accumulated")[0];
        Assert.Equal(("__main__.LeakedSession", 2999), (accumulated.GetProperty("typeName").GetString(), accumulated.GetProperty("count").GetInt32()));
        Assert.StartsWith("<module __main__>.REGISTRY.sessions (list) holds 2,999 × __main__.LeakedSession (", first.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.1, report.GetProperty("threshold").GetDouble(), 6);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("lots")]
    public async Task Should_refuse_a_threshold_outside_0_to_100(string threshold)
    {
        var (status, body) = await server.GetJsonAsync($"api/suspects?threshold={threshold}");

        Assert.Equal(400, status);
        Assert.Contains("'threshold' must be a percentage more than 0 and at most 100", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
