using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>An object with 2,900-odd referrers in Chromium: counted by type, and every page one step away.</summary>
[Collection(LeakCollection.Name)]
public sealed class ReferrerPagingTests(LeakServer server, ChromiumFixture chromium)
{
    private static readonly LocatorAssertionsToContainTextOptions s_text = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_count_referrers_by_type_and_jump_to_the_last_or_any_page()
    {
        var token = (await server.GetOkAsync("api/go?target=__main__.TOKEN")).GetProperty("id").GetInt32();
        var total = (await server.GetOkAsync($"api/objects/{token}/in?limit=1")).GetProperty("total").GetInt32();
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address + $"#/object/{token}");
        var range = page.Locator("#refs-in .range");
        await Assertions.Expect(range).ToContainTextAsync($"1–50 of {total:N0}", s_text);

        var typesText = await page.Locator("#referrer-types table").InnerTextAsync();
        await page.ClickAsync("#refs-in .pager .last");
        await Assertions.Expect(range).ToContainTextAsync($"{(total - 1) / 50 * 50 + 1:N0}–{total:N0} of {total:N0}", s_text);
        await Screenshots.SaveAsync(page, "10-referrers-last-page");
        await page.FillAsync("#refs-in .pager .page-input", "10");
        await page.PressAsync("#refs-in .pager .page-input", "Enter");
        await Assertions.Expect(range).ToContainTextAsync($"451–500 of {total:N0}", s_text);
        await page.ClickAsync("#refs-in .pager .first");
        await Assertions.Expect(range).ToContainTextAsync($"1–50 of {total:N0}", s_text);

        Assert.Matches(@"<type list#\d+>\s+2,500", typesText);
        Assert.Matches(@"<type tuple#\d+>\s+400", typesText);
        Assert.Empty(errors);
    }
}
