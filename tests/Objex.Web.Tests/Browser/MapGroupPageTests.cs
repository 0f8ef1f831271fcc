using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>The treemap of __main__.CACHE in Chromium: its 2,000 small sessions are one tile that says what they are.</summary>
[Collection(LeakCollection.Name)]
public sealed partial class MapGroupPageTests(LeakServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_show_the_cache_as_tiles_per_type_that_lead_to_the_types_instances()
    {
        var cache = (await server.GetOkAsync("api/go?target=__main__.CACHE")).GetProperty("id").GetInt32();
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address + $"#/map/{cache}");
        var sessions = page.Locator("#treemap a.tile.group", new PageLocatorOptions { HasTextString = "2,000 × __main__.CachedSession" });
        await sessions.WaitForAsync(s_visible);
        await Screenshots.SaveAsync(page, "11-treemap-cache-by-type");

        var tileText = await sessions.InnerTextAsync();
        await sessions.ClickAsync();
        await page.Locator("#instances-range", new PageLocatorOptions { HasTextString = "of 2,000, largest retained first" }).WaitForAsync(s_visible);

        Assert.Matches(GroupTile(), tileText);
        Assert.StartsWith("Instances of <type __main__.CachedSession#", await page.InnerTextAsync("main h2"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"^2,000 × __main__\.CachedSession\s+[\d.]+ KiB$")]
    private static partial Regex GroupTile();
}
