using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>
/// The page in real headless Chromium over the real analysis of Targets/session_leak.py: what a user
/// does to find the leak, with screenshots in TestResults/screenshots/.
/// </summary>
[Collection(LeakCollection.Name)]
public sealed partial class LeakWalkTests(LeakServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_follow_the_leak_from_the_top_retainer_to_a_leaked_instance_and_its_module_path()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address.ToString());
        await page.Locator("#top-retainers table").WaitForAsync(s_visible);
        await page.Locator("#treemap .tile").First.WaitForAsync(s_visible);
        Assert.Contains("python objects", await page.InnerTextAsync("#summary"), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "01-home");

        await page.Locator("#top-retainers table a.obj").First.ClickAsync();
        var visited = new List<string>();
        for (var step = 0; step < 12; step++)
        {
            var label = await ObjectLabelAsync(page);
            visited.Add(label);
            if (label.Contains("LeakedSession", StringComparison.Ordinal))
            {
                break;
            }

            // Down the dominator tree: the biggest object the current one keeps alive.
            await page.Locator("#dominators .kept-table a.obj").First.ClickAsync();
        }

        Assert.True(visited[^1].Contains("LeakedSession", StringComparison.Ordinal), $"never reached a LeakedSession: {string.Join(" → ", visited)}");
        var modulePath = page.Locator("#module-paths .path").First;
        await modulePath.WaitForAsync(s_visible);
        var pathText = await modulePath.InnerTextAsync();
        Assert.Contains("__main__", pathText, StringComparison.Ordinal);
        Assert.Matches(RegistryPath(), pathText);
        await page.Locator("#refs-in table").WaitForAsync(s_visible);
        await Screenshots.SaveAsync(page, "02-leaked-instance");

        // The path's steps are links: the list holding the sessions is one click away.
        await modulePath.Locator("a.edge", new LocatorLocatorOptions { HasTextRegex = SessionsEdge() }).ClickAsync();
        Assert.Contains("list", await ObjectLabelAsync(page), StringComparison.Ordinal);
        await page.Locator("#refs-out .pager .next").ClickAsync();
        await page.Locator("#refs-out p", new PageLocatorOptions { HasTextString = "51–100 of 3,000" }).WaitForAsync(s_visible);
        await Screenshots.SaveAsync(page, "03-sessions-list-page-2");

        // Back and forward work: the id is in the URL.
        await page.GoBackAsync();
        Assert.Equal(visited[^1], await ObjectLabelAsync(page));
        await page.GoForwardAsync();
        Assert.Contains("list", await ObjectLabelAsync(page), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_open_the_treemap_level_by_level()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address + "#/map/root");
        var tile = page.Locator("#treemap a.tile").First;
        await tile.WaitForAsync(s_visible);

        await tile.ClickAsync();
        await page.Locator(".crumbs a").Nth(1).WaitForAsync(s_visible);
        await page.Locator("#treemap .tile").First.WaitForAsync(s_visible);

        Assert.Matches(MapRoute(), page.Url);
        Assert.Equal(2, await page.Locator(".crumbs a").CountAsync());
        await Screenshots.SaveAsync(page, "04-treemap-level-2");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_go_search_types_and_mark_on_explicit_actions()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address.ToString());

        await page.FillAsync("#go-input", "__main__.REGISTRY");
        await page.PressAsync("#go-input", "Enter");
        Assert.Contains("SessionRegistry", await ObjectLabelAsync(page), StringComparison.Ordinal);

        await page.FillAsync("#go-input", ".sessions");
        await page.PressAsync("#go-input", "Enter");
        await page.Locator("#object-label", new PageLocatorOptions { HasTextString = "list" }).WaitForAsync(s_visible);

        await page.FillAsync("#mark-input", "leaky-list");
        await page.ClickAsync("#mark-form button");
        await page.Locator("#object-label", new PageLocatorOptions { HasTextString = "leaky-list" }).WaitForAsync(s_visible);

        await page.FillAsync("#type-input", "LeakedSess");
        await page.PressAsync("#type-input", "Enter");
        var typeLink = page.Locator("#type-results a.obj").First;
        await typeLink.WaitForAsync(s_visible);
        await typeLink.ClickAsync();
        await page.Locator(".instances-table").WaitForAsync(s_visible);
        Assert.Contains("3,000 instances", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "05-type-instances");

        await page.ClickAsync("#random-button");
        await page.WaitForURLAsync(ObjectRoute());
        await page.Locator("#object-label").WaitForAsync(s_visible);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_show_a_frame_with_its_stack_from_the_threads_page()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address + "#/threads");
        var mainFrame = page.Locator("#threads a.obj", new PageLocatorOptions { HasTextString = "<frame main#" });
        await mainFrame.WaitForAsync(s_visible);

        await mainFrame.ClickAsync();
        var current = page.Locator("#stack li.current");
        await current.WaitForAsync(s_visible);

        Assert.StartsWith("<frame main#", await ObjectLabelAsync(page), StringComparison.Ordinal);
        Assert.Contains("in main", await current.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#stack li").CountAsync());
        await page.Locator("#refs-out table").WaitForAsync(s_visible);
        Assert.Contains(".locals['last']", await page.InnerTextAsync("#refs-out"), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "06-frame-and-its-stack");
        Assert.Empty(errors);
    }

    private static async Task<string> ObjectLabelAsync(IPage page)
    {
        await page.WaitForURLAsync(ObjectRoute());
        var label = page.Locator("#object-label");
        await label.WaitForAsync(s_visible);
        return await label.InnerTextAsync();
    }

    [GeneratedRegex(@"#/object/\d+$")]
    private static partial Regex ObjectRoute();

    [GeneratedRegex(@"#/map/\d+$")]
    private static partial Regex MapRoute();

    [GeneratedRegex(@"REGISTRY\W*\.sessions\[\d+\]$")]
    private static partial Regex RegistryPath();

    [GeneratedRegex(@"^\.sessions$")]
    private static partial Regex SessionsEdge();
}
