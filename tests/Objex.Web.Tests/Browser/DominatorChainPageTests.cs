using Microsoft.Playwright;
using Objex.Query;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>
/// The object page of a 600,000-node linked list's payload in Chromium (issue 19): its dominator chain shows its two ends
/// around a "… N more …" button, and each click reads the next page of the middle in place.
/// </summary>
[Collection(DeepChainCollection.Name)]
public sealed class DominatorChainPageTests(DeepChainServer server, ChromiumFixture chromium)
{
    private static readonly LocatorAssertionsToContainTextOptions s_text = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_show_a_long_chain_by_its_ends_and_read_the_middle_by_page()
    {
        var type = (await server.GetOkAsync("api/types?q=chain.Payload")).GetProperty("rows")[0].GetProperty("type").GetProperty("id").GetInt32();
        var payload = (await server.GetOkAsync($"api/types/{type}/instances")).GetProperty("rows")[0].GetProperty("id").GetInt32();
        var retained = await server.GetOkAsync($"api/objects/{payload}/retained");
        var skipped = retained.GetProperty("skipped").GetInt32();
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address + $"#/object/{payload}");

        var button = page.Locator("#dominators .chain button.elision");
        await Assertions.Expect(button).ToContainTextAsync($"… {skipped:N0} more …", s_text);
        var rows = page.Locator("#dominators .chain li:not(.elided)");
        Assert.Equal(QuerySession.MaxChainLength, await rows.CountAsync());

        await button.ClickAsync();
        await Assertions.Expect(button).ToContainTextAsync($"… {skipped - 200:N0} more …", s_text);
        Assert.Equal(QuerySession.MaxChainLength + 200, await rows.CountAsync());
        Assert.Empty(errors);
    }
}
