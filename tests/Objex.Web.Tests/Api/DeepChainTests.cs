using System.Text.Json;
using Objex.Query;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// A linked list 600,000 nodes long (issue 19): root paths of that length were returned whole (17.8 MB, 5.6 s for one
/// treemap level). Every endpoint answers in a bounded size, a long path shows its first and last
/// <see cref="RootPath.KeptSteps"/> references around one "… N steps …" step, and the middle is read by page.
/// </summary>
[Collection(DeepChainCollection.Name)]
public sealed class DeepChainTests(DeepChainServer server)
{
    private const int Length = 600_000;

    // Far above what any answer below needs (the largest, a top list of 20 rows with their paths, is ~30 kB), far
    // below the megabytes of a path returned whole.
    private const int MaxBytes = 96 * 1024;

    [Fact]
    public async Task Should_show_a_600000_step_path_as_its_two_ends_and_an_elision()
    {
        var (payload, _) = await PayloadAsync();

        var set = await GetBoundedAsync($"api/objects/{payload}/paths");

        // References: the module's .__dict__ and ['HEAD'] (one step, .HEAD), 599,999 × .next, .payload.
        var path = set.GetProperty("paths")[0];
        var steps = path.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(Length + 2, path.GetProperty("length").GetInt32());
        Assert.Equal(2 * RootPath.KeptSteps, steps.Count); // .HEAD folds two references into one step
        var at = steps.FindIndex(s => s.GetProperty("skipped").GetInt32() > 0);
        var elision = steps[at];
        Assert.Equal(Length + 2 - (2 * RootPath.KeptSteps), elision.GetProperty("skipped").GetInt32());
        Assert.Equal($"… {Length + 2 - (2 * RootPath.KeptSteps):N0} steps …", elision.GetProperty("edge").GetString());
        Assert.Equal(steps[at - 1].GetProperty("to").GetInt32(), elision.GetProperty("from").GetInt32());
        Assert.Equal(steps[at + 1].GetProperty("from").GetInt32(), elision.GetProperty("to").GetInt32());
        Assert.Equal(RootPath.KeptSteps, steps.Count - at - 1);
        Assert.StartsWith(".HEAD.next.next", path.GetProperty("suffix").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(".next.next.payload", path.GetProperty("suffix").GetString(), StringComparison.Ordinal);
        Assert.Contains(" … 599,978 steps … .next", path.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_page_through_the_middle_of_a_long_path()
    {
        var (payload, _) = await PayloadAsync();
        var path = (await GetBoundedAsync($"api/objects/{payload}/paths")).GetProperty("paths")[0];
        var steps = path.GetProperty("steps").EnumerateArray().ToList();
        var at = steps.FindIndex(s => s.GetProperty("skipped").GetInt32() > 0);
        var elision = steps[at];

        // The page after the head continues where the head stopped; a page at the end of the elided stretch ends where
        // the tail starts; pages are capped in size.
        var first = await GetBoundedAsync($"api/objects/{payload}/paths/steps?offset={RootPath.KeptSteps}&limit=200");
        var firstSteps = first.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(200, firstSteps.Count);
        Assert.Equal(RootPath.KeptSteps, first.GetProperty("offset").GetInt32());
        Assert.Equal(Length + 2, first.GetProperty("length").GetInt32());
        Assert.Equal(steps[at - 1].GetProperty("to").GetInt32(), firstSteps[0].GetProperty("from").GetInt32());
        Assert.All(firstSteps, s => Assert.Equal(".next", s.GetProperty("edge").GetString()));

        var tailStart = Length + 2 - RootPath.KeptSteps;
        var last = await GetBoundedAsync($"api/objects/{elision.GetProperty("to").GetInt32()}/paths/steps?offset={tailStart - 50}&limit=1000");
        var lastSteps = last.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(50, lastSteps.Count); // the elision's far end is at depth tailStart: its path stops there
        Assert.Equal(elision.GetProperty("to").GetInt32(), lastSteps[^1].GetProperty("to").GetInt32());

        var capped = await GetBoundedAsync($"api/objects/{payload}/paths/steps?offset=100&limit=1000");
        Assert.Equal(QuerySession.MaxPathPage, capped.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task Should_answer_every_endpoint_on_the_deep_heap_in_a_bounded_size()
    {
        var (payload, node) = await PayloadAsync();
        var head = (await GetBoundedAsync("api/go?target=chain.HEAD")).GetProperty("id").GetInt32();
        var nodeType = await TypeIdAsync("chain.Node");

        string[] urls =
        [
            "api/summary", "api/top", "api/top?by=size", "api/top?nested=false", "api/top?by=referenced", "api/top?by=types",
            $"api/objects/{payload}", $"api/objects/{payload}/paths?from=frames", $"api/objects/{node}/in", $"api/objects/{node}/out",
            $"api/objects/{node}/in/types", $"api/objects/{node}/retained", $"api/objects/{head}/retained", $"api/objects/{payload}/retained/chain?offset=300000&limit=500",
            "api/dominators/root", "api/dominators/modules", $"api/dominators/{head}", $"api/dominators/{node}", $"api/dominators/{payload}",
            $"api/types/{nodeType}/instances", $"api/types/{nodeType}/paths", "api/suspects", "api/threads", "api/marks",
        ];
        foreach (var url in urls)
        {
            var body = await GetBoundedAsync(url);
            foreach (var steps in StepLists(body))
            {
                Assert.True(steps <= (2 * RootPath.KeptSteps) + 1, $"{url}: a path of {steps} steps");
            }
        }

        // A treemap level whose child lies 600,000 references deep: its tile's path is elided too.
        var level = await GetBoundedAsync($"api/dominators/{node}");
        var tilePath = level.GetProperty("children")[0].GetProperty("path");
        Assert.Equal(2 * RootPath.KeptSteps, tilePath.GetProperty("steps").GetArrayLength());
        Assert.True(tilePath.GetProperty("length").GetInt32() > Length / 2);
    }

    [Fact]
    public async Task Should_show_a_600000_long_dominator_chain_as_its_two_ends_and_page_through_the_middle()
    {
        var (payload, node) = await PayloadAsync();
        var head = (await GetBoundedAsync("api/go?target=chain.HEAD")).GetProperty("id").GetInt32();
        const int half = QuerySession.MaxChainLength / 2;

        // The payload's dominators: its Node, then the 599,999 Nodes before it up to the head, which the module's
        // dict alone holds (600,000 Nodes, then the dict: modules dominate their dicts' contents through the bucket).
        var retained = await GetBoundedAsync($"api/objects/{payload}/retained");
        var near = Ids(retained.GetProperty("keptAliveBy"));
        var topmost = Ids(retained.GetProperty("topmost"));
        var length = retained.GetProperty("chainLength").GetInt32();
        Assert.True(length >= Length, $"{length}");
        Assert.Equal(half, near.Count);
        Assert.Equal(half, topmost.Count);
        Assert.Equal(node, near[0]);
        Assert.Contains(head, topmost);
        Assert.Equal(length - (2 * half), retained.GetProperty("skipped").GetInt32());
        Assert.Equal("held from modules", retained.GetProperty("rootDescription").GetString());

        // The middle by page: the page after the near end continues it, a page at the far end reaches the topmost.
        var next = await GetBoundedAsync($"api/objects/{payload}/retained/chain?offset={half}&limit=200");
        var rows = Ids(next.GetProperty("rows"));
        Assert.Equal(200, rows.Count);
        Assert.Equal(length, next.GetProperty("total").GetInt32());
        var nearest = await GetBoundedAsync($"api/objects/{payload}/retained/chain?offset=0&limit={half + 1}");
        Assert.Equal(near, Ids(nearest.GetProperty("rows")).Take(half));
        Assert.Equal(Ids(nearest.GetProperty("rows"))[half], rows[0]);
        var last = await GetBoundedAsync($"api/objects/{payload}/retained/chain?offset={length - half - 10}&limit=100");
        Assert.Equal(half + 10, last.GetProperty("rows").GetArrayLength());
        Assert.Equal(topmost, Ids(last.GetProperty("rows")).Skip(10));
        var capped = await GetBoundedAsync($"api/objects/{payload}/retained/chain?offset=1000&limit=1000");
        Assert.Equal(QuerySession.MaxChainPage, capped.GetProperty("rows").GetArrayLength());

        // Its treemap level: root, the modules bucket, the topmost half, one crumb for the rest (opening the dominator
        // halfway down), the nearest half, the payload.
        var level = await GetBoundedAsync($"api/dominators/{payload}");
        var crumbs = level.GetProperty("chain").EnumerateArray().ToList();
        Assert.Equal(2 + QuerySession.MaxChainLength + 1 + 1, crumbs.Count);
        Assert.Equal(["root", "modules"], crumbs.Take(2).Select(c => c.GetProperty("node").GetString()));
        var elided = crumbs[2 + half];
        Assert.Equal($"… {length - (2 * half):N0} more …", elided.GetProperty("label").GetString());
        Assert.Equal($"{node}", crumbs[^2].GetProperty("node").GetString());
        var middle = await GetBoundedAsync($"api/objects/{elided.GetProperty("node").GetString()}/retained");
        Assert.InRange(middle.GetProperty("chainLength").GetInt32(), (length / 2) - half - 2, (length / 2) + half);
    }

    [Fact]
    public async Task Should_rank_the_top_lists_once_and_answer_the_same_from_the_cache()
    {
        // The second answer comes from the session's ranking cache (a prefix of the larger list asked first).
        var large = (await GetBoundedAsync("api/top?by=retained&limit=20")).GetProperty("rows").EnumerateArray().ToList();
        var small = (await GetBoundedAsync("api/top?by=retained&limit=5")).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(5, small.Count);
        Assert.Equal(
            large.Take(5).Select(r => r.GetProperty("object").GetProperty("id").GetInt32()),
            small.Select(r => r.GetProperty("object").GetProperty("id").GetInt32()));
        // The treemap's top level likewise (its object tiles; the buckets' rest tiles follow them).
        var top = await ObjectTilesAsync("api/dominators/root?limit=3");
        var more = await ObjectTilesAsync("api/dominators/root?limit=10");
        Assert.Equal(3, top.Count);
        Assert.Equal(top, more.Take(top.Count));
    }

    private static List<int> Ids(JsonElement summaries) => summaries.EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ToList();

    private async Task<List<string>> ObjectTilesAsync(string url) =>
        (await GetBoundedAsync(url)).GetProperty("children").EnumerateArray()
            .Where(t => t.GetProperty("object").ValueKind == JsonValueKind.Object)
            .Select(t => t.GetProperty("node").GetString()!)
            .ToList();

    /// <summary>The Payload (the list's end holds it) and the Node holding it.</summary>
    private async Task<(int Payload, int Node)> PayloadAsync()
    {
        var type = await TypeIdAsync("chain.Payload");
        var payload = (await GetBoundedAsync($"api/types/{type}/instances")).GetProperty("rows")[0].GetProperty("id").GetInt32();
        var holder = (await GetBoundedAsync($"api/objects/{payload}/in")).GetProperty("rows")[0].GetProperty("other").GetProperty("id").GetInt32();
        return (payload, holder);
    }

    private async Task<int> TypeIdAsync(string name) =>
        (await GetBoundedAsync($"api/types?q={name}")).GetProperty("rows")[0].GetProperty("type").GetProperty("id").GetInt32();

    private async Task<JsonElement> GetBoundedAsync(string url)
    {
        using var response = await server.Http.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {text}");
        Assert.True(text.Length <= MaxBytes, $"GET {url} answered {text.Length:N0} characters");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The length of every "steps" array anywhere in an answer.</summary>
    private static IEnumerable<int> StepLists(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "steps" && property.Value.ValueKind == JsonValueKind.Array)
                {
                    yield return property.Value.GetArrayLength();
                }

                foreach (var inner in StepLists(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in StepLists(item))
                {
                    yield return inner;
                }
            }
        }
    }
}
