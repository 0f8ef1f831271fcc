using System.Net.Http.Json;
using System.Text.Json;
using Objex.Query;

namespace Objex.Web.Tests.Infrastructure;

/// <summary>
/// The real web server (Kestrel on a free loopback port) over the real analysis of
/// Targets/session_leak.py, shared by the API and browser tests of one collection.
/// </summary>
public sealed class LeakServer() : TargetServer("session_leak.py")
{
    /// <summary>The id of <c>__main__.REGISTRY.sessions[index]</c>, a LeakedSession.</summary>
    public async Task<int> SessionIdAsync(int index)
    {
        var list = (await GetOkAsync("api/go?target=__main__.REGISTRY.sessions")).GetProperty("id").GetInt32();
        var page = await GetOkAsync($"api/objects/{list}/out?offset={index}&limit=1");
        return page.GetProperty("rows")[0].GetProperty("other").GetProperty("id").GetInt32();
    }
}

/// <summary>
/// The real web server (Kestrel on a free loopback port) over the real analysis of one of Targets/*.py,
/// shared by the API and browser tests of one collection.
/// </summary>
public abstract class TargetServer(string target) : IAsyncLifetime
{
    private LeakAnalysis? _analysis;
    private ObjexApi? _api;
    private ObjexWebServer? _server;

    public HttpClient Http { get; } = new();

    public Uri Address => _server!.Address;

    public string AnalysisPath => _analysis!.AnalysisPath;

    public async Task InitializeAsync()
    {
        _analysis = new LeakAnalysis(target);
        _api = new ObjexApi(QuerySession.Open(_analysis.AnalysisPath), new Random(5));
        _server = await ObjexWebServer.StartAsync(_api, new WebServerOptions { Port = 0 });
        Http.BaseAddress = _server.Address;
    }

    /// <summary>GETs a URL and returns the status and parsed JSON body (every answer is JSON).</summary>
    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string url)
    {
        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body);
    }

    /// <summary>GETs a URL that must answer 200 and returns its JSON.</summary>
    public async Task<JsonElement> GetOkAsync(string url)
    {
        var (status, body) = await GetJsonAsync(url);
        Assert.True(status == 200, $"GET {url} answered {status}: {body}");
        return body;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _api?.Dispose();
        _analysis?.Dispose();
    }
}

/// <summary>Tests sharing one <see cref="LeakServer"/> and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class LeakCollection : ICollectionFixture<LeakServer>, ICollectionFixture<Browser.ChromiumFixture>
{
    public const string Name = "leak analysis served";
}

/// <summary>
/// The web server over Targets/held_and_garbage.py: uploads only atexit holds, and garbage cycles with gc disabled.
/// </summary>
public sealed class HeldServer() : TargetServer("held_and_garbage.py");

/// <summary>Tests sharing one <see cref="HeldServer"/> and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class HeldCollection : ICollectionFixture<HeldServer>, ICollectionFixture<Browser.ChromiumFixture>
{
    public const string Name = "held-from-C analysis served";
}

/// <summary>
/// The web server over the CLI tests' Targets/deep_chain.py: a linked list 600,000 nodes long, whose end has
/// root paths and dominator chains as long.
/// </summary>
public sealed class DeepChainServer() : TargetServer(Path.Combine(Repo.Root, "tests", "Objex.Cli.Tests", "Targets", "deep_chain.py"));

/// <summary>Tests sharing one <see cref="DeepChainServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DeepChainCollection : ICollectionFixture<DeepChainServer>, ICollectionFixture<Browser.ChromiumFixture>
{
    public const string Name = "deep chain analysis served";
}
