using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>The type page in Chromium: 3,000 LeakedSession instances, largest retained first, paged.</summary>
[Collection(LeakCollection.Name)]
public sealed class TypePageTests(LeakServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_show_the_largest_instances_first_and_jump_to_any_page()
    {
        var type = (await server.GetOkAsync("api/types?q=LeakedSession")).GetProperty("rows")[0].GetProperty("type").GetProperty("id").GetInt32();
        var largest = (await server.GetOkAsync($"api/types/{type}/instances?limit=1")).GetProperty("rows")[0].GetProperty("label").GetString()!;
        var rank2901 = (await server.GetOkAsync($"api/types/{type}/instances?offset=2900&limit=1")).GetProperty("rows")[0].GetProperty("label").GetString()!;
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address + $"#/type/{type}");
        await page.Locator("#instances-range", new PageLocatorOptions { HasTextString = "1–100 of 3,000, largest retained first" }).WaitForAsync(s_visible);
        var firstOnPage1 = await page.InnerTextAsync(".instances-table tbody tr:first-child a.obj");
        await page.FillAsync(".pager .page-input", "30");
        await page.PressAsync(".pager .page-input", "Enter");
        await page.Locator("#instances-range", new PageLocatorOptions { HasTextString = "2,901–3,000 of 3,000" }).WaitForAsync(s_visible);
        var firstOnPage30 = await page.InnerTextAsync(".instances-table tbody tr:first-child a.obj");
        await Screenshots.SaveAsync(page, "07-type-instances-last-page");
        await page.ClickAsync(".pager .first");
        await page.Locator("#instances-range", new PageLocatorOptions { HasTextString = "1–100 of 3,000" }).WaitForAsync(s_visible);

        Assert.Equal(largest, firstOnPage1);
        Assert.Equal(rank2901, firstOnPage30);
        Assert.True(await page.Locator(".pager .last").IsDisabledAsync() == false);
        Assert.Empty(errors);
    }
}
