using Microsoft.Playwright;

namespace Objex.Web.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for the browser tests, driven by Playwright (no browser download:
/// the system's /usr/bin/chromium, which CI installs). When Chromium is absent the tests fail with a
/// message saying so; they never pass without a browser.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(
        $"Chromium is not installed at {ChromiumPath}: the browser tests need Debian's chromium (apt-get install chromium; .ci/run installs it)");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;   // Browser throws the explanation in each test.
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh page 1280×900 wide, console errors collected into <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string> errors)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
