using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// Memory no module or stack reaches, in the API (Targets/held_and_garbage.py): the start page's totals held from
/// C and garbage with the gc state, an object's unseen references, and the whole-heap map, whose rest is one
/// tile per bucket that opens like any other.
/// </summary>
[Collection(HeldCollection.Name)]
public sealed class HeldFromCTests(HeldServer server)
{
    [Fact]
    public async Task Should_total_held_from_C_and_garbage_on_the_summary()
    {
        var totals = (await server.GetOkAsync("api/summary")).GetProperty("totals");

        var held = totals.GetProperty("heldFromC");
        var garbage = totals.GetProperty("garbage");
        Assert.InRange(held.GetProperty("bytes").GetInt64(), 200L * 50_000, 200L * 50_000 + (2 << 20));
        Assert.Equal("bytes", held.GetProperty("types")[0].GetProperty("typeName").GetString());
        Assert.InRange(garbage.GetProperty("bytes").GetInt64(), 2_000L * 2_500, 2_000L * 2_500 + (1 << 20));
        Assert.Equal(["bytearray", "__main__.Session"], garbage.GetProperty("types").EnumerateArray().Take(2).Select(t => t.GetProperty("typeName").GetString()));
        Assert.False(totals.GetProperty("gcEnabled").GetBoolean());
        Assert.True(totals.GetProperty("gcDisabledWithGarbage").GetBoolean());
        Assert.Equal("[700,10,10]", totals.GetProperty("gcThresholds").GetString());
    }

    [Fact]
    public async Task Should_break_rss_down_into_parts_that_add_up_on_the_summary()
    {
        var rss = (await server.GetOkAsync("api/summary")).GetProperty("rss");

        var parts = rss.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(
            ["python_objects", "external_buffers", "allocator_free", "native_heap", "code_and_libraries", "thread_stacks", "unknown"],
            parts.Select(p => p.GetProperty("key").GetString()));
        Assert.Equal(rss.GetProperty("totalBytes").GetInt64(), parts.Sum(p => p.GetProperty("bytes").GetInt64()));
        Assert.True(parts[0].GetProperty("bytes").GetInt64() > 200L * 50_000, "the uploads' bytes are Python objects");
        Assert.Equal(JsonValueKind.Array, rss.GetProperty("advice").ValueKind);
    }

    [Fact]
    public async Task Should_count_the_references_the_dump_could_not_see_on_an_object()
    {
        var upload = (await server.GetOkAsync("api/go?target=__main__.Upload")).GetProperty("id").GetInt32();
        var first = (await server.GetOkAsync($"api/types/{upload}/instances?limit=1")).GetProperty("rows")[0].GetProperty("id").GetInt32();
        var tuple = (await server.GetOkAsync($"api/objects/{first}/in")).GetProperty("rows")[0].GetProperty("other").GetProperty("id").GetInt32();

        Assert.Equal(1, (await server.GetOkAsync($"api/objects/{tuple}")).GetProperty("unseenReferences").GetInt32());
        Assert.Equal(0, (await server.GetOkAsync($"api/objects/{first}")).GetProperty("unseenReferences").GetInt32());
        var retained = await server.GetOkAsync($"api/objects/{first}/retained");
        Assert.StartsWith("held from C", retained.GetProperty("rootDescription").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_say_where_a_traced_object_was_allocated()
    {
        var upload = (await server.GetOkAsync("api/go?target=__main__.Upload")).GetProperty("id").GetInt32();
        var first = (await server.GetOkAsync($"api/types/{upload}/instances?limit=1")).GetProperty("rows")[0].GetProperty("id").GetInt32();
        var data = (await server.GetOkAsync($"api/objects/{first}/out")).GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("edge").GetString() == ".data").GetProperty("other").GetProperty("id").GetInt32();

        var site = (await server.GetOkAsync($"api/objects/{data}")).GetProperty("allocatedAt").GetString();
        Assert.Matches(@"held_and_garbage\.py:\d+ in __init__$", site);
        var sys = (await server.GetOkAsync("api/go?target=sys")).GetProperty("id").GetInt32();   // made before tracing started
        Assert.Equal(JsonValueKind.Null, (await server.GetOkAsync($"api/objects/{sys}")).GetProperty("allocatedAt").ValueKind);
    }

    [Fact]
    public async Task Should_open_the_whole_heaps_rest_bucket_by_bucket()
    {
        var root = await server.GetOkAsync("api/dominators/root");

        var buckets = root.GetProperty("children").EnumerateArray().Where(t => t.GetProperty("object").ValueKind == JsonValueKind.Null).ToDictionary(t => t.GetProperty("node").GetString()!);
        Assert.Contains("heldc", buckets.Keys);
        Assert.Contains("unreachable", buckets.Keys);
        Assert.True(buckets["heldc"].GetProperty("hasChildren").GetBoolean());
        Assert.StartsWith("held from C", buckets["heldc"].GetProperty("label").GetString(), StringComparison.Ordinal);
        var shown = root.GetProperty("children").EnumerateArray().Sum(t => t.GetProperty("retained").GetInt64());
        Assert.Equal(root.GetProperty("retained").GetInt64(), shown + root.GetProperty("othersRetained").GetInt64());

        var held = await server.GetOkAsync("api/dominators/heldc");
        Assert.Equal("held from C (no module or stack reaches it)", held.GetProperty("label").GetString());
        Assert.Equal(["root", "heldc"], held.GetProperty("chain").EnumerateArray().Select(c => c.GetProperty("node").GetString()));
        Assert.True(held.GetProperty("childCount").GetInt64() >= 200);
    }

    [Fact]
    public async Task Should_open_a_levels_rest_as_the_next_page_of_its_types()
    {
        // MIXED keeps 40 instances of each of 25 classes: the map shows 20 types, its rest opens the other 5.
        var mixed = (await server.GetOkAsync("api/go?target=__main__.MIXED")).GetProperty("id").GetInt32();
        var first = await server.GetOkAsync($"api/dominators/{mixed}");
        var rest = await server.GetOkAsync($"api/dominators/{mixed}?from=20");
        var list = await server.GetOkAsync($"api/objects/{mixed}");

        Assert.Equal(20, first.GetProperty("groups").GetArrayLength());
        Assert.Equal(20, first.GetProperty("nextFrom").GetInt32());
        Assert.Equal(5 * 40, first.GetProperty("othersCount").GetInt64());
        Assert.Equal(5, rest.GetProperty("groups").GetArrayLength());
        Assert.All(rest.GetProperty("groups").EnumerateArray(), g => Assert.Equal(40, g.GetProperty("count").GetInt64()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextFrom").ValueKind);
        Assert.Equal(20, rest.GetProperty("from").GetInt32());
        Assert.Equal(0, rest.GetProperty("othersCount").GetInt64());
        Assert.Equal(list.GetProperty("size").GetInt64(), rest.GetProperty("othersRetained").GetInt64());
        var restGroups = rest.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("retained").GetInt64());
        Assert.Equal(first.GetProperty("othersRetained").GetInt64(), restGroups + list.GetProperty("size").GetInt64());
    }
}
