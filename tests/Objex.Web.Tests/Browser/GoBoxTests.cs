using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>The header's go box in Chromium, given what the page itself shows.</summary>
[Collection(LeakCollection.Name)]
public sealed class GoBoxTests(LeakServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_open_the_object_of_a_label_copied_from_the_page_or_typed_as_hash_id()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address.ToString());
        var firstRetainer = page.Locator("#top-retainers table a.obj").First;
        await firstRetainer.WaitForAsync(s_visible);
        var label = await firstRetainer.InnerTextAsync();
        var id = (await firstRetainer.GetAttributeAsync("href"))!.Split('/')[^1];

        await page.FillAsync("#go-input", label);
        await page.PressAsync("#go-input", "Enter");
        await page.Locator("#object-label", new PageLocatorOptions { HasTextString = $"#{id}" }).WaitForAsync(s_visible);
        var urlAfterLabel = page.Url;
        await page.GotoAsync(server.Address.ToString());
        await page.FillAsync("#go-input", $"#{id}");
        await page.PressAsync("#go-input", "Enter");
        await Assertions.Expect(page).ToHaveURLAsync(urlAfterLabel, new() { Timeout = 20_000 });

        Assert.EndsWith($"#/object/{id}", urlAfterLabel, StringComparison.Ordinal);
        Assert.True(await page.Locator("#message").IsHiddenAsync(), "no error message");
        Assert.Empty(errors);
    }
}
