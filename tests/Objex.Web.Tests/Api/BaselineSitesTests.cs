using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// <c>GET /api/diff</c> over a baseline that traced with tracemalloc (Targets/leak_sites.py): each growth entry says
/// where its new objects were allocated, as <c>objex diff</c> does; over one that did not (growing_sessions.py), it
/// says nothing of sites.
/// </summary>
public sealed class BaselineSitesTests(SiteBaselineServer traced) : IClassFixture<SiteBaselineServer>
{
    [Fact]
    public async Task Should_name_where_the_new_objects_of_a_growth_entry_were_allocated()
    {
        var (target, line) = (SiteBaselineServer.Target, SiteBaselineServer.LeakOrderLine);

        var diff = await traced.GetOkAsync("api/diff");

        var entry = diff.GetProperty("growth")[0].GetProperty("entry");
        Assert.Equal("__main__.Order", entry.GetProperty("typeName").GetString());
        var allocatedAt = entry.GetProperty("allocatedAt");
        Assert.Equal(1_600, allocatedAt.GetProperty("objects").GetInt64());
        var site = allocatedAt.GetProperty("sites")[0];
        Assert.Equal((target, line, "take_order", 1_600L), (
            site.GetProperty("site").GetProperty("file").GetString(), site.GetProperty("site").GetProperty("line").GetInt32(),
            site.GetProperty("site").GetProperty("function").GetString(), site.GetProperty("objects").GetInt64()));
    }
}
