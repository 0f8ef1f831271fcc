using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// <c>GET /api/types/ID/paths</c>: a type's instances merged by where they are held, on Targets/session_leak.py:
/// the lists of <c>HOLDERS</c> and of every <c>CACHE</c> entry's <c>.items</c> are two holders of one type.
/// </summary>
[Collection(LeakCollection.Name)]
public sealed class TypePathsTests(LeakServer server)
{
    [Fact]
    public async Task Should_merge_a_types_instances_by_holder_most_first()
    {
        var holders = (await server.GetOkAsync("api/go?target=__main__.HOLDERS")).GetProperty("id").GetInt32();
        var listType = (await server.GetOkAsync($"api/objects/{holders}")).GetProperty("typeId").GetInt32();

        var merged = await server.GetOkAsync($"api/types/{listType}/paths?limit=2");

        var groups = merged.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["<module __main__>.HOLDERS[*]", "<module __main__>.CACHE[*].items"], groups.Select(PathText));
        Assert.Equal([2500L, 2000L], groups.Select(g => g.GetProperty("count").GetInt64()));
        Assert.Equal(merged.GetProperty("total").GetInt64(), groups.Sum(g => g.GetProperty("count").GetInt64()) + merged.GetProperty("otherCount").GetInt64());
        Assert.True(merged.GetProperty("otherGroups").GetInt32() > 0, "the interpreter's own lists are held in other ways");
        Assert.All(groups, g =>
        {
            Assert.StartsWith("<list#", g.GetProperty("sample").GetProperty("label").GetString(), StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{16}$", g.GetProperty("path").GetProperty("key").GetString()!);
            Assert.True(g.GetProperty("shallowBytes").GetInt64() > 0);
        });
    }

    [Fact]
    public async Task Should_count_each_instance_once_as_the_types_totals_do()
    {
        var type = (await server.GetOkAsync("api/types?q=LeakedSession")).GetProperty("rows")[0];
        var id = type.GetProperty("type").GetProperty("id").GetInt32();

        var merged = await server.GetOkAsync($"api/types/{id}/paths");

        var group = Assert.Single(merged.GetProperty("groups").EnumerateArray());
        Assert.Equal("<module __main__>.REGISTRY.sessions[*]", PathText(group));
        Assert.Equal(3000, group.GetProperty("count").GetInt64());
        Assert.Equal(type.GetProperty("shallowBytes").GetInt64(), group.GetProperty("shallowBytes").GetInt64());
        Assert.Equal(type.GetProperty("retainedBytes").GetInt64(), group.GetProperty("retainedBytes").GetInt64());
        Assert.Equal(0, merged.GetProperty("otherCount").GetInt64());
    }

    [Fact]
    public async Task Should_refuse_an_object_that_is_not_a_type_and_a_bad_limit()
    {
        var registry = (await server.GetOkAsync("api/go?target=__main__.REGISTRY")).GetProperty("id").GetInt32();

        var (notType, notTypeBody) = await server.GetJsonAsync($"api/types/{registry}/paths");
        var (badLimit, badLimitBody) = await server.GetJsonAsync($"api/types/{registry}/paths?limit=0");

        Assert.Equal(404, notType);
        Assert.Contains("not a type", notTypeBody.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, badLimit);
        Assert.Contains("limit", badLimitBody.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static string PathText(JsonElement group) => group.GetProperty("path").GetProperty("text").GetString()!;
}
