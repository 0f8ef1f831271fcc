using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// The treemap of a container of many small objects: <c>__main__.CACHE</c> in Targets/session_leak.py
/// keeps 2,000 CachedSession objects and their 2,000 str keys alive, each far below a visible tile.
/// </summary>
[Collection(LeakCollection.Name)]
public sealed class MapGroupTests(LeakServer server)
{
    [Fact]
    public async Task Should_count_a_caches_small_children_by_type()
    {
        var cache = (await server.GetOkAsync("api/go?target=__main__.CACHE")).GetProperty("id").GetInt32();

        var level = await server.GetOkAsync($"api/dominators/{cache}");

        var groups = level.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("typeName").GetString()!);
        Assert.Equal(2000, groups["__main__.CachedSession"].GetProperty("count").GetInt64());
        Assert.Equal(2000, groups["str"].GetProperty("count").GetInt64());
        Assert.Equal("<type __main__.CachedSession#", groups["__main__.CachedSession"].GetProperty("type").GetProperty("label").GetString()![..29]);
        Assert.Equal(0, level.GetProperty("children").GetArrayLength());
        Assert.Equal(level.GetProperty("retained").GetInt64(), Sum(level, "groups") + level.GetProperty("othersRetained").GetInt64());
        Assert.Equal(level.GetProperty("childCount").GetInt64(), groups.Values.Sum(g => g.GetProperty("count").GetInt64()) + level.GetProperty("othersCount").GetInt64());
    }

    [Fact]
    public async Task Should_keep_every_child_its_own_tile_when_all_fit()
    {
        var session = await server.SessionIdAsync(3);

        var level = await server.GetOkAsync($"api/dominators/{session}");

        // A session keeps its payload (8 KiB) and its user name (a few dozen bytes): two tiles, no groups.
        Assert.Equal(2, level.GetProperty("children").GetArrayLength());
        Assert.Equal(0, level.GetProperty("groups").GetArrayLength());
    }

    private static long Sum(JsonElement level, string list) => level.GetProperty(list).EnumerateArray().Sum(x => x.GetProperty("retained").GetInt64());
}
