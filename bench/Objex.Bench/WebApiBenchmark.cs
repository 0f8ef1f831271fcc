using System.Diagnostics;
using System.Globalization;
using Objex.Query;
using Objex.Web;

namespace Objex.Bench;

/// <summary>
/// `bench web-api ANALYSIS [--requests N] [--seed S]`: the web API's latency as a browser sees it.
/// Starts the real server (Kestrel on a free loopback port) over the analysis, warms up, then
/// sends N sequential GETs per endpoint at objects drawn uniformly at random (seeded), timing each
/// request until its whole JSON body is read. Prints p50/p95/max per endpoint, each endpoint's p50
/// as a ratio to /api/summary (the HTTP + JSON floor: what the query itself adds), and whether
/// p95 meets the 100 ms budget of issue 5.
/// </summary>
internal static class WebApiBenchmark
{
    private const double BudgetMs = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: bench web-api ANALYSIS.db [--requests N] [--seed S]");
            return 2;
        }

        var requests = IntOption(args, "--requests", 200);
        var random = new Random(IntOption(args, "--seed", 42));
        var open = Stopwatch.StartNew();
        using var api = new ObjexApi(QuerySession.Open(args[0]), new Random(7));
        var objects = api.Summary().ObjectCount;
        Console.WriteLine($"{args[0]}: {objects:N0} objects, opened in {open.ElapsedMilliseconds} ms; {requests} requests per endpoint");
        await using var server = await ObjexWebServer.StartAsync(api, new WebServerOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = server.Address };

        var registryOfTypes = await FirstTypeIdAsync(http);
        (string Name, Func<int, string> Url)[] endpoints =
        [
            ("summary", _ => "api/summary"),
            ("objects/ID", id => $"api/objects/{id}"),
            ("objects/ID/out", id => $"api/objects/{id}/out?limit=50"),
            ("objects/ID/in", id => $"api/objects/{id}/in?limit=50"),
            ("objects/ID/paths?from=modules", id => $"api/objects/{id}/paths?from=modules"),
            ("objects/ID/paths?from=frames", id => $"api/objects/{id}/paths?from=frames"),
            ("objects/ID/paths/steps", id => $"api/objects/{id}/paths/steps?offset=12&limit=200"),
            ("objects/ID/retained", id => $"api/objects/{id}/retained?limit=20"),
            ("objects/ID/retained/chain", id => $"api/objects/{id}/retained/chain?offset=25&limit=200"),
            ("dominators/ID", id => $"api/dominators/{id}?limit=60"),
            ("dominators/root", _ => "api/dominators/root?limit=60"),
            ("top?by=retained", _ => "api/top?by=retained&limit=15"),
            ("types?by=retained", _ => "api/types?limit=15"),
            ("types?q=", _ => "api/types?q=a&limit=100"),
            ("types/ID/instances", _ => $"api/types/{registryOfTypes}/instances?limit=100"),
            ("go?target=random", _ => "api/go?target=random"),
        ];

        Console.WriteLine($"{"endpoint",-32} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"p50/summary",12}  p95 ≤ {BudgetMs} ms");
        double floor = 0;
        var failures = 0;
        foreach (var (name, url) in endpoints)
        {
            for (var i = 0; i < 10; i++)
            {
                await TimeAsync(http, url(random.Next(objects)));   // warm-up: JIT, caches
            }

            var times = new double[requests];
            var errors = 0;
            for (var i = 0; i < requests; i++)
            {
                (times[i], var ok) = await TimeAsync(http, url(random.Next(objects)));
                errors += ok ? 0 : 1;
            }

            Array.Sort(times);
            var p50 = times[requests / 2];
            var p95 = times[Math.Min(requests - 1, (int)Math.Ceiling(requests * 0.95) - 1)];
            floor = floor == 0 ? p50 : floor;
            var meets = p95 <= BudgetMs;
            failures += meets ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-32} {p50,8:F2} {p95,8:F2} {times[^1],8:F2} {p50 / floor,11:F1}x  {(meets ? "ok" : "OVER BUDGET")}{(errors > 0 ? $" ({errors} non-200)" : "")}"));
        }

        Console.WriteLine(failures == 0 ? "every endpoint within budget" : $"{failures} endpoint(s) over budget");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<(double Ms, bool Ok)> TimeAsync(HttpClient http, string url)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        await response.Content.ReadAsByteArrayAsync();
        return (watch.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode);
    }

    private static async Task<int> FirstTypeIdAsync(HttpClient http)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("api/types?limit=1", UriKind.Relative)));
        return doc.RootElement.GetProperty("rows")[0].GetProperty("type").GetProperty("id").GetInt32();
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
