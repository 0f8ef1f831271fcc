using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>
/// The comparison view (#/diff) and the "new" badges, served as <c>objex web B --baseline A</c> over two real dumps of
/// growing_sessions.py (+1,800 UserSessions in <c>app.SESSIONS</c>).
/// </summary>
[Collection(BaselineCollection.Name)]
public sealed class BaselinePageTests(BaselineServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_list_what_grew_and_open_the_holder_from_it()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address + "#/diff");
        var first = page.Locator("table.growth-table tbody tr").First;
        await first.WaitForAsync(s_visible);
        var cells = await first.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["1", "+1,800", "app.UserSession"], cells.Take(3));
        Assert.Equal("<module app>.SESSIONS[*]", cells[4]);
        Assert.Contains("new", cells[6], StringComparison.Ordinal);
        var row = page.Locator("table.diff-types-table tbody tr", new PageLocatorOptions { HasTextString = "app.CacheEntry" });
        Assert.Equal(["app.CacheEntry", "500", "500"], (await row.Locator("td").AllInnerTextsAsync()).Take(3));

        await first.Locator("td").Nth(5).Locator("a.obj").ClickAsync();
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "<list#" }).WaitForAsync(s_visible);
        Assert.Equal(0, await page.Locator("#new-badge").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_badge_an_object_new_since_the_baseline_and_no_other()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        var (old, created) = (await server.SessionIdAsync(199), await server.SessionIdAsync(200));

        await page.GotoAsync(server.Address + $"#/object/{created}");
        await page.Locator("#new-badge").WaitForAsync(s_visible);
        Assert.Equal("new", await page.Locator("#new-badge").InnerTextAsync());
        // What the new session refers to is new too: its name and payload carry the badge in the references.
        await page.Locator("#refs-out table .badge-new").First.WaitForAsync(s_visible);

        await page.GotoAsync(server.Address + $"#/object/{old}");
        await page.Locator("#object-label", new PageLocatorOptions { HasTextString = $"#{old}>" }).WaitForAsync(s_visible);
        Assert.Equal(0, await page.Locator("#new-badge").CountAsync());
        Assert.Empty(errors);
    }
}

/// <summary>Without a baseline the comparison view says how to start one (Targets/session_leak.py).</summary>
[Collection(LeakCollection.Name)]
public sealed class NoBaselinePageTests(LeakServer server, ChromiumFixture chromium)
{
    [Fact]
    public async Task Should_say_how_to_get_a_baseline()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address + "#/diff");
        var text = page.Locator("#no-baseline");
        await text.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        Assert.Contains("objex web B --baseline A", await text.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }
}
