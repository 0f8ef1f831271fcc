using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// The referrers of <c>__main__.TOKEN</c> in Targets/session_leak.py: 2,500 lists and 400 tuples
/// hold it, and the module's globals.
/// </summary>
[Collection(LeakCollection.Name)]
public sealed class ReferrerTypesTests(LeakServer server)
{
    [Fact]
    public async Task Should_count_the_referrers_of_each_type_most_first()
    {
        var token = (await server.GetOkAsync("api/go?target=__main__.TOKEN")).GetProperty("id").GetInt32();

        var counts = await server.GetOkAsync($"api/objects/{token}/in/types");
        var referrers = await server.GetOkAsync($"api/objects/{token}/in?limit=1");

        var rows = counts.GetProperty("rows").EnumerateArray()
            .Select(r => (Type: r.GetProperty("type").GetProperty("label").GetString()!, Count: r.GetProperty("count").GetInt32())).ToList();
        Assert.StartsWith("<type list#", rows[0].Type, StringComparison.Ordinal);
        Assert.Equal(2500, rows[0].Count);
        Assert.StartsWith("<type tuple#", rows[1].Type, StringComparison.Ordinal);
        Assert.Equal(400, rows[1].Count);
        Assert.Equal(referrers.GetProperty("total").GetInt32(), counts.GetProperty("total").GetInt32());
        Assert.Equal(counts.GetProperty("total").GetInt32(), rows.Sum(r => r.Count));
    }
}
