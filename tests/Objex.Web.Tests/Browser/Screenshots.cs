using Microsoft.Playwright;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Browser;

/// <summary>Screenshots go beside the test results: TestResults/screenshots/ at the repo root.</summary>
internal static class Screenshots
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Repo.Root, "TestResults", "screenshots")).FullName;

    public static async Task SaveAsync(IPage page, string name)
    {
        // From the top: a full-page shot taken scrolled down paints the sticky header mid-page.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
    }
}
