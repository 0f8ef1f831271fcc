using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>The start page shows the leak suspects first, each linking to its accumulation point's object page (Targets/session_leak.py).</summary>
[Collection(LeakCollection.Name)]
public sealed class SuspectsPageTests(LeakServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_show_the_suspects_first_and_link_to_the_accumulation_point()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address.ToString());
        var first = page.Locator("#suspects li.suspect").First;
        await first.WaitForAsync(s_visible);
        var text = await first.InnerTextAsync();
        Assert.StartsWith("Suspect 1: <module __main__>.REGISTRY.sessions (list) holds 2,999 × __main__.LeakedSession (", text, StringComparison.Ordinal);
        // The suspects come before every other list on the page.
        var sections = await page.Locator("section.card h2").AllInnerTextsAsync();
        Assert.Equal("Leak suspects", sections[0]);

        await first.Locator("a.obj").First.ClickAsync();
        await page.Locator("h1", new PageLocatorOptions { HasTextString = "<list#" }).WaitForAsync(s_visible);
        Assert.Matches(@"#/object/\d+$", page.Url);
        Assert.Empty(errors);
    }
}
