using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>Malformed or impossible addresses: a message in the page, never a blank or stale one.</summary>
[Collection(LeakCollection.Name)]
public sealed class AddressTests(LeakServer server, ChromiumFixture chromium)
{
    private const string MalformedSearch = "#/types?q=%E0%A4%A";

    private static readonly LocatorAssertionsToHaveTextOptions s_text = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_explain_a_malformed_escape_when_the_address_is_opened_directly()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address + MalformedSearch);

        await Assertions.Expect(page.Locator("#view .error")).ToHaveTextAsync(
            "The address has a malformed %-escape: %E0%A4%A (a % must be followed by two hex digits of UTF-8)", s_text);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_replace_the_page_shown_when_the_app_moves_to_a_malformed_address()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address.ToString());
        await page.Locator("#top-retainers table").WaitForAsync(new() { Timeout = 20_000 });

        await page.EvaluateAsync($"location.hash = '{MalformedSearch}'");

        await Assertions.Expect(page.Locator("#view .error")).ToContainTextAsync("malformed %-escape", new() { Timeout = 20_000 });
        Assert.Equal(0, await page.Locator("#top-retainers").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_name_the_id_as_typed_when_it_is_too_large_for_any_object()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address + "#/object/99999999999999999999");

        await Assertions.Expect(page.Locator("#view .error")).ToHaveTextAsync("no object #99999999999999999999", s_text);
        // The browser logs the API's 404 as a failed resource load; nothing else may fail.
        Assert.All(errors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }
}
