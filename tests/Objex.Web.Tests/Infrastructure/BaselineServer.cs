using System.Net.Http.Json;
using System.Text.Json;
using Objex.Query;

namespace Objex.Web.Tests.Infrastructure;

/// <summary>
/// The real web server over the second of two dumps of one real process, with the first as its baseline (as
/// <c>objex web B --baseline A</c> serves it): tests/Objex.Cli.Tests/Targets/growing_sessions.py, whose
/// <c>app.SESSIONS</c> grows from 200 to 2,000 UserSessions between the dumps beside a cache whose 500 entries are
/// all replaced. Made once per test run. <see cref="SiteBaselineServer"/> serves another target the same way.
/// </summary>
public class BaselineServer : IAsyncLifetime
{
    private readonly string _target;
    private readonly string _dir = Directory.CreateTempSubdirectory("objex-web-baseline-").FullName;
    private ObjexApi? _api;
    private ObjexWebServer? _server;

    public BaselineServer()
        : this("growing_sessions.py")
    {
    }

    /// <param name="target">The program of tests/Objex.Cli.Tests/Targets that dumps itself twice (A, B).</param>
    protected BaselineServer(string target) => _target = target;

    public HttpClient Http { get; } = new();

    public Uri Address => _server!.Address;

    /// <summary>The earlier dump's analysis (the baseline).</summary>
    public string AnalysisA => Path.Combine(_dir, "a.analysis.db");

    /// <summary>The later dump's analysis (served).</summary>
    public string AnalysisB => Path.Combine(_dir, "b.analysis.db");

    public async Task InitializeAsync()
    {
        var (dumpA, dumpB) = (Path.Combine(_dir, "a.db"), Path.Combine(_dir, "b.db"));
        var target = Path.Combine(Repo.Root, "tests", "Objex.Cli.Tests", "Targets", _target);
        var collect = ProcessRunner.Run("env", $"PYTHONPATH={Path.Combine(Repo.Root, "python")}", "PYTHONHASHSEED=0", Repo.Python(), target, dumpA, dumpB);
        if (collect.ExitCode != 0)
        {
            throw new InvalidOperationException($"{_target} failed ({collect.ExitCode}): {collect.Stderr}");
        }

        foreach (var (dump, analysis) in new[] { (dumpA, AnalysisA), (dumpB, AnalysisB) })
        {
            var analyse = ProcessRunner.Objex("make-analysis-db", dump, analysis);
            if (analyse.ExitCode != 0)
            {
                throw new InvalidOperationException($"make-analysis-db failed ({analyse.ExitCode}): {analyse.Stderr}");
            }
        }

        var session = QuerySession.Open(AnalysisB);
        using (var baseline = QuerySession.Open(AnalysisA))
        {
            session.AttachBaseline(baseline);
        }

        _api = new ObjexApi(session, new Random(5));
        _server = await ObjexWebServer.StartAsync(_api, new WebServerOptions { Port = 0 });
        Http.BaseAddress = _server.Address;
    }

    /// <summary>GETs a URL that must answer 200 and returns its JSON.</summary>
    public async Task<JsonElement> GetOkAsync(string url)
    {
        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The id of <c>app.SESSIONS[index]</c> (indexes 0-199 were in A, the rest are new).</summary>
    public async Task<int> SessionIdAsync(int index) =>
        (await GetOkAsync($"api/go?target=app.SESSIONS[{index}]")).GetProperty("id").GetInt32();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _api?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>Tests sharing one <see cref="BaselineServer"/> and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BaselineCollection : ICollectionFixture<BaselineServer>, ICollectionFixture<Browser.ChromiumFixture>
{
    public const string Name = "two dumps served with a baseline";
}

/// <summary>
/// Targets/leak_sites.py served as <c>objex web B --baseline A</c>: a program tracing with tracemalloc whose
/// <c>ORDERS</c> grows from 200 to 1,800 Orders, each allocated at the line marked LEAK-ORDER.
/// </summary>
public sealed class SiteBaselineServer() : BaselineServer("leak_sites.py")
{
    /// <summary>The program's path, as its dumps name it.</summary>
    public static string Target { get; } = Path.Combine(Repo.Root, "tests", "Objex.Cli.Tests", "Targets", "leak_sites.py");

    /// <summary>The line marked LEAK-ORDER, where every Order is allocated.</summary>
    public static int LeakOrderLine { get; } =
        Array.FindIndex(File.ReadAllLines(Target), l => l.EndsWith("# LEAK-ORDER", StringComparison.Ordinal)) + 1;
}
