using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>
/// The start page in Chromium over Targets/held_and_garbage.py: the totals held from C and garbage, the warning
/// that gc was disabled, and the link from a total to its part of the map.
/// </summary>
[Collection(HeldCollection.Name)]
public sealed partial class HeldFromCPageTests(HeldServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_show_both_totals_and_the_gc_warning_on_the_start_page()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address.ToString());
        await page.Locator("#held-from-c").WaitForAsync(s_visible);
        await Screenshots.SaveAsync(page, "20-start-page-held-from-c");

        Assert.Matches(HeldLine(), await page.InnerTextAsync("#held-from-c"));
        Assert.Matches(GarbageLine(), await page.InnerTextAsync("#garbage"));
        Assert.StartsWith("gc was disabled in the program (gc.isenabled() was False, thresholds [700,10,10]", await page.InnerTextAsync("#gc-warning"), StringComparison.Ordinal);
        var rssRows = await page.Locator("#rss tbody tr").AllInnerTextsAsync();
        Assert.Equal(8, rssRows.Count);
        Assert.StartsWith("Python objects", rssRows[0], StringComparison.Ordinal);
        Assert.Matches(@"^RSS\s+\d+\.\d MiB\s+100\.0%", rssRows[7]);

        await page.ClickAsync("#held-from-c a");
        await page.Locator(".crumbs", new PageLocatorOptions { HasTextString = "held from C" }).WaitForAsync(s_visible);
        await page.Locator("#treemap .tile").First.WaitForAsync(s_visible);
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"^held from C: [\d,]+ objects, (9\.\d+|10\.\d+) MiB, mostly bytes \(\d+\.\d%\)")]
    private static partial Regex HeldLine();

    [GeneratedRegex(@"^garbage \(unreachable cycles\): [\d,]+ objects, [45]\.\d+ MiB, mostly bytearray \(\d+\.\d%\)")]
    private static partial Regex GarbageLine();
}
