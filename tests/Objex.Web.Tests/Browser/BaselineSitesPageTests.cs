using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>
/// The comparison view (#/diff) over a baseline that traced with tracemalloc (Targets/leak_sites.py): the growth entry
/// says under its place where its new objects were allocated; the start page's suspect says where its objects were.
/// </summary>
public sealed class BaselineSitesPageTests(SiteBaselineServer server, ChromiumFixture chromium)
    : IClassFixture<SiteBaselineServer>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Should_show_where_a_growth_entrys_new_objects_were_allocated()
    {
        var (target, line) = (SiteBaselineServer.Target, SiteBaselineServer.LeakOrderLine);
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address + "#/diff");
        var first = page.Locator("table.growth-table tbody tr").First;
        await first.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        var place = await first.Locator("td").Nth(4).InnerTextAsync();

        Assert.Contains("<module __main__>.ORDERS[*]", place, StringComparison.Ordinal);
        Assert.Contains($"allocated at {target}:{line} in take_order (1,600 of 1,600)", place, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_show_where_a_suspects_objects_were_allocated_on_the_start_page()
    {
        var (target, line) = (SiteBaselineServer.Target, SiteBaselineServer.LeakOrderLine);
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address + "#/");
        var suspect = page.Locator("#suspects li.suspect").First;
        await suspect.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        var text = await suspect.InnerTextAsync();

        Assert.Contains("1,800 × __main__.Order", text, StringComparison.Ordinal);
        Assert.Contains($"allocated at {target}:{line} in take_order (1,800 of 1,800)", text, StringComparison.Ordinal);
        Assert.Empty(errors);
    }
}
