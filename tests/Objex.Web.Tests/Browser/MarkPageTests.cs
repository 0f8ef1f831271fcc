using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>Setting marks in Chromium: the confirmation, every mark shown, long marks kept on screen.</summary>
[Collection(LeakCollection.Name)]
public sealed class MarkPageTests(LeakServer server, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions s_visible = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToContainTextOptions s_text = new() { Timeout = 20_000 };

    [Fact]
    public async Task Should_confirm_each_mark_and_show_both_on_the_object()
    {
        var session = await server.SessionIdAsync(30);
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address + $"#/object/{session}");
        await page.Locator("#mark-input").WaitForAsync(s_visible);

        await page.FillAsync("#mark-input", "page-mark");
        await page.ClickAsync("#mark-form button");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("as {page-mark}", s_text);
        var confirmation = await page.InnerTextAsync("#message");
        await page.Locator("#object-label", new PageLocatorOptions { HasTextString = "{page-mark}" }).WaitForAsync(s_visible);
        await page.FillAsync("#mark-input", "page-mark-2");
        await page.ClickAsync("#mark-form button");
        await page.Locator("#object-label", new PageLocatorOptions { HasTextString = "{page-mark, page-mark-2}" }).WaitForAsync(s_visible);

        Assert.Equal($"marked object #{session} as {{page-mark}}", confirmation);
        Assert.Equal(["page-mark", "page-mark-2"], await page.Locator(".mark-chip").AllInnerTextsAsync());
        Assert.Contains("as {page-mark-2}", await page.InnerTextAsync("#message"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Should_keep_long_marks_within_the_page_width()
    {
        // Two marks of the longest length a mark may have (200 characters, the REPL's and the API's limit).
        var session = await server.SessionIdAsync(31);
        var repl = ProcessRunner.Objex("explore", server.AnalysisPath, "-c", $"go {session}; mark {new string('r', 200)}");
        Assert.Equal(0, repl.ExitCode);
        var errors = new List<string>();
        var page = await chromium.NewPageAsync(errors);
        await page.GotoAsync(server.Address + $"#/object/{session}");
        await page.Locator("#mark-input").WaitForAsync(s_visible);

        await page.FillAsync("#mark-input", new string('w', 200));
        await page.ClickAsync("#mark-form button");
        await page.Locator(".mark-chip").Nth(1).WaitForAsync(s_visible);
        var objectPageWidth = await PageWidthAsync(page);
        await Screenshots.SaveAsync(page, "08-object-with-long-marks");
        await page.GotoAsync(server.Address + "#/marks");
        await page.Locator(".marks-table").WaitForAsync(s_visible);
        var marksPageWidth = await PageWidthAsync(page);
        await Screenshots.SaveAsync(page, "09-marks-page-long-marks");

        Assert.Equal(1280, objectPageWidth);
        Assert.Equal(1280, marksPageWidth);
        Assert.True(await page.Locator(".marks-table td").First.BoundingBoxAsync() is { Height: < 100 }, "a long mark takes at most a few lines");
        Assert.Empty(errors);
    }

    /// <summary>How wide the page's content is: wider than the 1,280-pixel window means a horizontal scroll bar.</summary>
    private static Task<int> PageWidthAsync(IPage page) => page.EvaluateAsync<int>("document.documentElement.scrollWidth");
}
