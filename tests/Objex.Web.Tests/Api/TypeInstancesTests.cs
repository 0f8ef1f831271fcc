using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// A type's instances, ranked and paged: the 3,000 LeakedSession objects of Targets/session_leak.py
/// carry payloads of ten different sizes, so largest-first is a real order with ties.
/// </summary>
[Collection(LeakCollection.Name)]
public sealed class TypeInstancesTests(LeakServer server)
{
    private const int Sessions = 3000;

    [Fact]
    public async Task Should_rank_every_instance_largest_retained_first_with_ties_by_id()
    {
        var type = await LeakedSessionTypeIdAsync();

        var all = new List<JsonElement>();
        for (var offset = 0; offset < Sessions; offset += 1000)
        {
            var page = await server.GetOkAsync($"api/types/{type}/instances?offset={offset}&limit=1000");
            Assert.Equal(Sessions, page.GetProperty("total").GetInt64());
            Assert.Equal(offset, page.GetProperty("offset").GetInt32());
            all.AddRange(page.GetProperty("rows").EnumerateArray());
        }

        Assert.Equal(Sessions, all.Select(Id).Distinct().Count());
        Assert.All(all, o => Assert.Contains("LeakedSession", o.GetProperty("label").GetString(), StringComparison.Ordinal));
        for (var i = 1; i < all.Count; i++)
        {
            var (before, after) = (Retained(all[i - 1]), Retained(all[i]));
            Assert.True(before > after || (before == after && Id(all[i - 1]) < Id(all[i])), $"rank {i}: {all[i - 1]} before {all[i]}");
        }

        // The payloads are 8,192 + 64 × (n % 10) bytes: the first ranks hold the 8,768-byte ones.
        Assert.True(Retained(all[0]) - Retained(all[^1]) >= 9 * 64, "the largest session retains the largest payload");
    }

    [Fact]
    public async Task Should_answer_a_page_deep_in_the_ranking_with_the_rows_at_that_rank()
    {
        var type = await LeakedSessionTypeIdAsync();
        var first = await server.GetOkAsync($"api/types/{type}/instances?offset=0&limit=103");

        var deep = await server.GetOkAsync($"api/types/{type}/instances?offset=100&limit=3");
        var past = await server.GetOkAsync($"api/types/{type}/instances?offset={Sessions}&limit=3");

        Assert.Equal(first.GetProperty("rows").EnumerateArray().Skip(100).Select(Id), deep.GetProperty("rows").EnumerateArray().Select(Id));
        Assert.Equal(100, deep.GetProperty("offset").GetInt32());
        Assert.Equal(0, past.GetProperty("rows").GetArrayLength());
        Assert.Equal(Sessions, past.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Should_refuse_instances_of_an_object_that_is_not_a_type()
    {
        var registry = (await server.GetOkAsync("api/go?target=__main__.REGISTRY")).GetProperty("id").GetInt32();

        var (status, body) = await server.GetJsonAsync($"api/types/{registry}/instances");

        Assert.Equal(404, status);
        Assert.Contains("not a type", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private async Task<int> LeakedSessionTypeIdAsync() =>
        (await server.GetOkAsync("api/types?q=LeakedSession")).GetProperty("rows")[0].GetProperty("type").GetProperty("id").GetInt32();

    private static int Id(JsonElement summary) => summary.GetProperty("id").GetInt32();

    private static long Retained(JsonElement summary) => summary.GetProperty("retained").GetInt64();
}
