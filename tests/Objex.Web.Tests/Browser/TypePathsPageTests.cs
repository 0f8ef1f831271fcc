using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>The type page in Chromium says where the instances are held, and each group leads to one of them.</summary>
[Collection(LeakCollection.Name)]
public sealed class TypePathsPageTests(LeakServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_show_the_merged_paths_of_a_types_instances_and_open_one()
    {
        var holders = (await server.GetOkAsync("api/go?target=__main__.HOLDERS")).GetProperty("id").GetInt32();
        var listType = (await server.GetOkAsync($"api/objects/{holders}")).GetProperty("typeId").GetInt32();
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address + $"#/type/{listType}");
        var first = page.Locator(".instance-paths-table tbody tr").First;
        await first.Locator("code.merged-path", new LocatorLocatorOptions { HasTextString = "<module __main__>.HOLDERS[*]" }).WaitForAsync(s_visible);
        var rows = await page.Locator(".instance-paths-table tbody tr").CountAsync();
        var firstCount = await first.Locator("td").First.InnerTextAsync();
        var secondPath = await page.Locator(".instance-paths-table tbody tr:nth-child(2) code.merged-path").InnerTextAsync();
        var rest = await page.InnerTextAsync("#instance-paths-rest");
        await Screenshots.SaveAsync(page, "14-type-instance-paths");
        var sample = await first.Locator("a.obj").InnerTextAsync();
        await first.Locator("a.obj").ClickAsync();
        await page.Locator("#object-label", new PageLocatorOptions { HasTextString = sample }).WaitForAsync(s_visible);

        Assert.Equal(10, rows);
        Assert.StartsWith("2,500 of ", firstCount, StringComparison.Ordinal);
        Assert.Equal("<module __main__>.CACHE[*].items", secondPath);
        Assert.StartsWith("<list#", sample, StringComparison.Ordinal);
        Assert.Matches(@"^[\d,]+ more held in [\d,]+ other ways$", rest);
        Assert.Empty(errors);
    }
}
