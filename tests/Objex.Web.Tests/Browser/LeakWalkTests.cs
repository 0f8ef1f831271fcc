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
    private static readonly PageAssertionsToHaveURLOptions s_url = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_follow_the_leak_from_the_top_retainer_to_a_leaked_instance_and_its_module_path()
    {
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);

        await page.GotoAsync(server.Address.ToString());
        await page.Locator("#top-retainers table").WaitForAsync(s_visible);
        await page.Locator("#treemap .tile").First.WaitForAsync(s_visible);
        Assert.Contains("python objects", await page.InnerTextAsync("#summary"), StringComparison.Ordinal);
        // Where the largest retainers live: the registry's row shows its path from __main__ (its sessions list,
        // which the registry keeps alive, is not listed beside it, as in the REPL's top retained).
        var where = await page.Locator("#top-retainers .where").AllInnerTextsAsync();
        Assert.Contains(where, w => w.EndsWith(".REGISTRY", StringComparison.Ordinal));
        Assert.DoesNotContain(where, w => w.EndsWith(".REGISTRY.sessions", StringComparison.Ordinal));
        await Screenshots.SaveAsync(page, "01-home");

        var visited = new List<string> { await FollowAsync(page, page.Locator("#top-retainers table a.obj").First) };
        var leakedUrl = page.Url;
        for (var step = 0; step < 12 && !visited[^1].Contains("LeakedSession", StringComparison.Ordinal); step++)
        {
            // Down the dominator tree: the biggest object the current one keeps alive.
            visited.Add(await FollowAsync(page, page.Locator("#dominators .kept-table a.obj").First));
            leakedUrl = page.Url;
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
        var list = await FollowAsync(page, modulePath.Locator("a.edge", new LocatorLocatorOptions { HasTextRegex = SessionsEdge() }));
        var listUrl = page.Url;
        Assert.StartsWith("<list#", list, StringComparison.Ordinal);
        await page.Locator("#refs-out .pager .next").ClickAsync();
        await page.Locator("#refs-out p", new PageLocatorOptions { HasTextString = "51–100 of 3,000" }).WaitForAsync(s_visible);
        await Screenshots.SaveAsync(page, "03-sessions-list-page-2");

        // Back and forward work: the id is in the URL.
        await page.GoBackAsync();
        Assert.Equal(visited[^1], await ShowsObjectAsync(page, leakedUrl));
        await page.GoForwardAsync();
        Assert.Equal(list, await ShowsObjectAsync(page, listUrl));
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
        // the largest tile is the leak, a module global: its breadcrumb passes through the modules bucket
        Assert.Equal(3, await page.Locator(".crumbs a").CountAsync());
        Assert.Equal("kept alive by modules", await page.Locator(".crumbs a").Nth(1).InnerTextAsync());
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
        Assert.Contains("SessionRegistry", await NextObjectAsync(page, () => page.PressAsync("#go-input", "Enter")), StringComparison.Ordinal);

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

        Assert.Matches(ObjectLabel(), await NextObjectAsync(page, () => page.ClickAsync("#random-button")));
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

        var label = await FollowAsync(page, mainFrame);
        var current = page.Locator("#stack li.current");
        await current.WaitForAsync(s_visible);

        Assert.StartsWith("<frame main#", label, StringComparison.Ordinal);
        Assert.Contains("in main", await current.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#stack li").CountAsync());
        await page.Locator("#refs-out table").WaitForAsync(s_visible);
        Assert.Contains(".locals['last']", await page.InnerTextAsync("#refs-out"), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "06-frame-and-its-stack");
        Assert.Empty(errors);
    }

    /// <summary>Clicks a link to an object page and waits for that object's page.</summary>
    private static async Task<string> FollowAsync(IPage page, ILocator link)
    {
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("the link has no href");
        await link.ClickAsync();
        return await ShowsObjectAsync(page, new Uri(new Uri(page.Url), href).ToString());
    }

    /// <summary>Does <paramref name="action"/> (go box, Random) and waits for the object page it leads to.</summary>
    private static async Task<string> NextObjectAsync(IPage page, Func<Task> action)
    {
        var before = page.Url;
        await action();
        await Assertions.Expect(page).Not.ToHaveURLAsync(before, s_url);
        await Assertions.Expect(page).ToHaveURLAsync(ObjectRoute(), s_url);
        return await ShowsObjectAsync(page, page.Url);
    }

    /// <summary>
    /// Waits until <paramref name="url"/> is shown and its label rendered. Polls the URL: a hash change
    /// is a same-document navigation, which waiting for a "load" event can miss.
    /// </summary>
    private static async Task<string> ShowsObjectAsync(IPage page, string url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url, s_url);
        var id = url[(url.LastIndexOf('/') + 1)..];
        var label = page.Locator("#object-label", new PageLocatorOptions { HasTextRegex = new Regex($"#{id}\\b") });
        await label.WaitForAsync(s_visible);
        return await label.InnerTextAsync();
    }

    [GeneratedRegex(@"#/object/\d+$")]
    private static partial Regex ObjectRoute();

    [GeneratedRegex(@"^<.+#\d+.*>$")]
    private static partial Regex ObjectLabel();

    [GeneratedRegex(@"#/map/\d+$")]
    private static partial Regex MapRoute();

    [GeneratedRegex(@"REGISTRY\W*\.sessions\[\d+\]$")]
    private static partial Regex RegistryPath();

    [GeneratedRegex(@"^\.sessions$")]
    private static partial Regex SessionsEdge();
}
