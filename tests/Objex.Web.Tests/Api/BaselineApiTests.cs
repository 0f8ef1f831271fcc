using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// <c>GET /api/diff</c> and <c>isNew</c> over two real dumps of one process served as <c>objex web B --baseline A</c>
/// (growing_sessions.py: +1,800 UserSessions in <c>app.SESSIONS</c>, a 500-entry cache replaced entry by entry).
/// </summary>
[Collection(BaselineCollection.Name)]
public sealed class BaselineApiTests(BaselineServer server)
{
    [Fact]
    public async Task Should_list_the_growing_sessions_first_with_the_list_that_holds_them_and_a_new_one()
    {
        var diff = await server.GetOkAsync("api/diff");

        Assert.True(diff.GetProperty("hasBaseline").GetBoolean());
        Assert.Equal("a.db", diff.GetProperty("a").GetProperty("dumpFile").GetString());
        Assert.Equal("b.db", diff.GetProperty("b").GetProperty("dumpFile").GetString());
        var first = diff.GetProperty("growth")[0];
        var entry = first.GetProperty("entry");
        Assert.Equal(("app.UserSession", 1_800, "<module app>.SESSIONS[*]"),
            (entry.GetProperty("typeName").GetString(), entry.GetProperty("countDelta").GetInt64(), entry.GetProperty("path").GetProperty("text").GetString()));
        Assert.Equal(await ListIdAsync(), first.GetProperty("holder").GetProperty("id").GetInt32());
        Assert.False(entry.TryGetProperty("allocatedAt", out _), "the program did not trace: no allocation site");
        var sample = first.GetProperty("sample");
        Assert.Equal("app.UserSession", sample.GetProperty("typeName").GetString());
        Assert.True(sample.GetProperty("isNew").GetBoolean());

        // The churning cache is not growth; in the type table, as many entries as in A, new ones in place of freed ones.
        Assert.DoesNotContain(diff.GetProperty("growth").EnumerateArray(), g => g.GetProperty("entry").GetProperty("typeName").GetString() == "app.CacheEntry");
        var cache = diff.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("typeName").GetString() == "app.CacheEntry");
        Assert.Equal((500, 500, 0), (cache.GetProperty("countA").GetInt64(), cache.GetProperty("countB").GetInt64(), cache.GetProperty("countDelta").GetInt64()));
        // New entries that took an old entry's address (same type and size) count as survivors: how many varies with the
        // allocator's state (DiffTests counts them against the target's own figure), but churn is as many new as freed.
        var (created, freed, surviving) = (cache.GetProperty("newObjects").GetInt64(), cache.GetProperty("freedObjects").GetInt64(), cache.GetProperty("surviving").GetInt64());
        Assert.True(created > 0 && created == freed && created + surviving == 500, cache.ToString());
        Assert.True(diff.GetProperty("newObjects").GetInt64() >= 1_800 * 3, "each new session brings its name and payload");
    }

    [Fact]
    public async Task Should_say_isNew_of_objects_created_since_the_baseline_only()
    {
        var list = await ListIdAsync();
        var page = await server.GetOkAsync($"api/objects/{list}/out?offset=199&limit=2");
        var (old, created) = (page.GetProperty("rows")[0].GetProperty("other"), page.GetProperty("rows")[1].GetProperty("other"));

        Assert.False(old.GetProperty("isNew").GetBoolean());
        Assert.True(created.GetProperty("isNew").GetBoolean());
        Assert.False((await server.GetOkAsync($"api/objects/{old.GetProperty("id").GetInt32()}")).GetProperty("isNew").GetBoolean());
        Assert.True((await server.GetOkAsync($"api/objects/{created.GetProperty("id").GetInt32()}")).GetProperty("isNew").GetBoolean());
        Assert.False((await server.GetOkAsync($"api/objects/{list}")).GetProperty("isNew").GetBoolean());
    }

    [Fact]
    public async Task Should_page_the_growth_and_the_types_by_their_limits()
    {
        var diff = await server.GetOkAsync("api/diff?limit=1&types=2");

        Assert.Equal(1, diff.GetProperty("growth").GetArrayLength());
        Assert.Equal(2, diff.GetProperty("types").GetArrayLength());
        Assert.True(diff.GetProperty("typeTotal").GetInt32() > 2);
        Assert.True(diff.GetProperty("growthTotal").GetInt32() >= 1);
    }

    private async Task<int> ListIdAsync() => (await server.GetOkAsync("api/go?target=app.SESSIONS")).GetProperty("id").GetInt32();
}

/// <summary><c>GET /api/diff</c> of a server started without a baseline (Targets/session_leak.py alone).</summary>
[Collection(LeakCollection.Name)]
public sealed class NoBaselineApiTests(LeakServer server)
{
    [Fact]
    public async Task Should_say_how_to_get_a_baseline_and_mark_nothing_new()
    {
        var diff = await server.GetOkAsync("api/diff");

        Assert.False(diff.GetProperty("hasBaseline").GetBoolean());
        Assert.Contains("objex web B --baseline A", diff.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, diff.GetProperty("a").ValueKind);
        var session = await server.SessionIdAsync(0);
        Assert.False((await server.GetOkAsync($"api/objects/{session}")).GetProperty("isNew").GetBoolean());
    }
}
