using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>Top lists and treemap tiles say where each object lives: its shortest path from a root.</summary>
[Collection(LeakCollection.Name)]
public sealed class WhereItLivesTests(LeakServer server)
{
    [Fact]
    public async Task Should_give_each_largest_retainer_its_path_from_the_nearest_module()
    {
        var list = (await server.GetOkAsync("api/go?target=__main__.REGISTRY.sessions")).GetProperty("id").GetInt32();

        var top = await server.GetOkAsync("api/top?by=retained&limit=15");

        var row = top.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("object").GetProperty("id").GetInt32() == list);
        var path = row.GetProperty("path");
        Assert.Matches(@"^<module __main__#\d+>\.REGISTRY\.sessions$", path.GetProperty("text").GetString());
        Assert.Equal(list, path.GetProperty("steps").EnumerateArray().Last().GetProperty("to").GetInt32());
    }

    [Fact]
    public async Task Should_give_each_treemap_tile_its_path()
    {
        var registry = (await server.GetOkAsync("api/go?target=__main__.REGISTRY")).GetProperty("id").GetInt32();

        var level = await server.GetOkAsync($"api/dominators/{registry}");

        var tile = level.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("object").GetProperty("typeName").GetString() == "list");
        Assert.Matches(@"^<module __main__#\d+>\.REGISTRY\.sessions$", Text(tile.GetProperty("path")));
    }

    [Fact]
    public async Task Should_leave_the_path_out_for_what_no_root_reaches()
    {
        var unreachable = await server.GetOkAsync("api/dominators/unreachable?limit=5");

        Assert.NotEmpty(unreachable.GetProperty("children").EnumerateArray());
        Assert.All(unreachable.GetProperty("children").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("path").ValueKind));
    }

    private static string Text(JsonElement path) => path.GetProperty("text").GetString()!;
}
