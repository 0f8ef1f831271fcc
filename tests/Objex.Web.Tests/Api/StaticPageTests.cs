using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>The page comes from embedded resources: nothing outside the web root can be read.</summary>
[Collection(LeakCollection.Name)]
public sealed class StaticPageTests(LeakServer server)
{
    [Fact]
    public async Task Should_serve_the_page_and_its_script_with_a_strict_content_policy()
    {
        var (status, page) = await RawHttp.GetAsync(server.Address, "/");
        var (scriptStatus, script) = await RawHttp.GetAsync(server.Address, "/app.js");

        Assert.Equal(200, status);
        Assert.Contains("<main id=\"view\"", page, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy: default-src 'self'", page, StringComparison.Ordinal);
        Assert.Equal(200, scriptStatus);
        Assert.Contains("text/javascript", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/../Objex.Web.csproj")]
    [InlineData("/../../../../../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/..%2f..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/wwwroot/index.html")]
    [InlineData("/Objex.Web.dll")]
    [InlineData("/objex.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("//etc/passwd")]
    [InlineData("/app.js/../../ObjexApi.cs")]
    public async Task Should_not_serve_anything_outside_the_web_root(string target)
    {
        var (status, response) = await RawHttp.GetAsync(server.Address, target);

        Assert.True(status is 400 or 404, $"{target} answered {status}");
        Assert.DoesNotContain("root:", response, StringComparison.Ordinal);
        Assert.DoesNotContain("<Project", response, StringComparison.Ordinal);
    }
}
