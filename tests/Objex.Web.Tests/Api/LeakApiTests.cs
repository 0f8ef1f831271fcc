using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>
/// The JSON API over a real analysis of Targets/session_leak.py: 3,000 LeakedSession objects held by
/// <c>__main__.REGISTRY.sessions</c>, each with an 8 KiB payload.
/// </summary>
[Collection(LeakCollection.Name)]
public sealed partial class LeakApiTests(LeakServer server)
{
    private const int Sessions = 3000;

    [Fact]
    public async Task Should_summarise_the_dump_for_the_home_page()
    {
        var summary = await server.GetOkAsync("api/summary");

        Assert.Equal("dump.db", summary.GetProperty("file").GetString());
        Assert.Equal(Dns.GetHostName(), summary.GetProperty("hostname").GetString());
        Assert.True(summary.GetProperty("objectCount").GetInt32() > Sessions * 3);
        Assert.True(summary.GetProperty("objectBytes").GetInt64() > Sessions * 8192L);
    }

    [Fact]
    public async Task Should_rank_the_leaked_type_among_the_top_types_by_retained_size()
    {
        // The containers on its way (the module and its dict, the list, the registry, the payloads'
        // bytes) rank at or above it: a type's retained size counts what its instances dominate.
        var types = await server.GetOkAsync("api/types?by=retained&limit=8");

        var leaked = types.GetProperty("rows").EnumerateArray().Single(t => Label(t.GetProperty("type")).Contains("LeakedSession", StringComparison.Ordinal));
        Assert.Equal(Sessions, leaked.GetProperty("instances").GetInt64());
        Assert.True(leaked.GetProperty("retainedBytes").GetInt64() >= Sessions * 8192L);
    }

    [Fact]
    public async Task Should_list_the_sessions_list_among_the_largest_retainers()
    {
        var top = await server.GetOkAsync("api/top?by=retained&limit=10");

        var list = top.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("object"))
            .Single(o => o.GetProperty("typeName").GetString() == "list" && o.GetProperty("length").GetInt64() == Sessions);
        Assert.True(list.GetProperty("retained").GetInt64() >= Sessions * 8192L);
    }

    [Fact]
    public async Task Should_page_through_the_three_thousand_references_of_the_sessions_list()
    {
        var list = await SessionsListIdAsync();

        var first = await server.GetOkAsync($"api/objects/{list}/out?limit=50");
        var last = await server.GetOkAsync($"api/objects/{list}/out?offset=2990&limit=50");

        Assert.Equal(Sessions, first.GetProperty("total").GetInt64());
        Assert.Equal(50, first.GetProperty("rows").GetArrayLength());
        Assert.Equal(2990, last.GetProperty("offset").GetInt32());
        Assert.Equal(10, last.GetProperty("rows").GetArrayLength());
        Assert.All(last.GetProperty("rows").EnumerateArray(), r => Assert.Contains("LeakedSession", Label(r.GetProperty("other")), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_show_a_leaked_session_with_its_module_path_and_who_keeps_it_alive()
    {
        var list = await SessionsListIdAsync();
        // The first session: the list alone holds it (main()'s `last` also holds the last one).
        var session = await server.SessionIdAsync(0);

        var paths = await server.GetOkAsync($"api/objects/{session}/paths?from=modules");
        var retained = await server.GetOkAsync($"api/objects/{session}/retained");

        var path = paths.GetProperty("paths")[0];
        Assert.Contains("__main__", Label(path.GetProperty("root")), StringComparison.Ordinal);
        // The module's global, then the list, then the session's index: .REGISTRY.sessions[2999].
        Assert.Matches(RegistryPath(), path.GetProperty("suffix").GetString());
        Assert.Equal(session, path.GetProperty("steps").EnumerateArray().Last().GetProperty("to").GetInt32());
        Assert.Equal(list, retained.GetProperty("keptAliveBy")[0].GetProperty("id").GetInt32());
        Assert.True(retained.GetProperty("retainedBytes").GetInt64() >= 8192);
        Assert.Contains(retained.GetProperty("largestKept").EnumerateArray(), o => o.GetProperty("typeName").GetString() == "bytes");
    }

    [Fact]
    public async Task Should_show_the_frame_that_holds_the_last_session_and_its_stack()
    {
        var session = await server.SessionIdAsync(Sessions - 1);

        var paths = await server.GetOkAsync($"api/objects/{session}/paths?from=frames");

        // main() holds the sessions through its local `last` (and the module frame through its globals).
        var frame = paths.GetProperty("paths").EnumerateArray()
            .Single(p => Label(p.GetProperty("root")).StartsWith("<frame main#", StringComparison.Ordinal));
        Assert.StartsWith(".locals['last']", frame.GetProperty("suffix").GetString(), StringComparison.Ordinal);
        var stack = await server.GetOkAsync($"api/objects/{frame.GetProperty("root").GetProperty("id").GetInt32()}/stack");
        var current = stack.GetProperty("frames").EnumerateArray().Single(f => f.GetProperty("isCurrent").GetBoolean());
        Assert.Contains("in main", current.GetProperty("trace").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_resolve_what_the_go_box_accepts()
    {
        var registry = await server.GetOkAsync("api/go?target=__main__.REGISTRY");
        var registryId = registry.GetProperty("id").GetInt32();
        var relative = await server.GetOkAsync($"api/go?target=.sessions&from={registryId}");
        var byId = await server.GetOkAsync($"api/go?target={registryId}");
        var random = await server.GetOkAsync("api/go?target=random");

        Assert.Contains("SessionRegistry", Label(registry), StringComparison.Ordinal);
        Assert.Equal(Sessions, relative.GetProperty("length").GetInt64());
        Assert.Equal(registryId, byId.GetProperty("id").GetInt32());
        Assert.InRange(random.GetProperty("id").GetInt32(), 0, int.MaxValue);
    }

    [Fact]
    public async Task Should_search_types_and_list_their_instances()
    {
        var found = await server.GetOkAsync("api/types?q=LeakedSess");
        var type = found.GetProperty("rows")[0].GetProperty("type");

        var instances = await server.GetOkAsync($"api/types/{type.GetProperty("id").GetInt32()}/instances?limit=20");

        Assert.Contains("LeakedSession", Label(type), StringComparison.Ordinal);
        Assert.Equal(Sessions, instances.GetProperty("total").GetInt64());
        Assert.Equal(20, instances.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Should_build_the_treemap_level_by_level_from_the_dominator_tree()
    {
        var root = await server.GetOkAsync("api/dominators/root?limit=20");
        var biggest = root.GetProperty("children")[0];

        var level = await server.GetOkAsync($"api/dominators/{biggest.GetProperty("node").GetString()}?limit=20");

        Assert.True(biggest.GetProperty("hasChildren").GetBoolean());
        Assert.True(biggest.GetProperty("retained").GetInt64() >= Sessions * 8192L, "the leak is the biggest top-level tile");
        Assert.Equal(biggest.GetProperty("node").GetString(), level.GetProperty("chain").EnumerateArray().Last().GetProperty("node").GetString());
        var children = level.GetProperty("children").EnumerateArray().Sum(c => c.GetProperty("retained").GetInt64());
        var groups = level.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("retained").GetInt64());
        Assert.True(children + groups + level.GetProperty("othersRetained").GetInt64() == level.GetProperty("retained").GetInt64(), "tiles, groups and the rest add up to the node");
    }

    [Fact]
    public async Task Should_leave_no_grey_rest_on_the_whole_heap_but_tiles_that_open()
    {
        // main().locals['last'] holds a session the registry holds too: modules and a stack reach it, and only the
        // super-root dominates it. With the buckets' rests, those objects are one tile that opens like the others.
        var root = await server.GetOkAsync("api/dominators/root?limit=5");
        var shared = root.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("node").GetString() == "shared");
        var level = await server.GetOkAsync("api/dominators/shared?limit=60");

        Assert.Equal(0, root.GetProperty("othersRetained").GetInt64());
        Assert.True(shared.GetProperty("hasChildren").GetBoolean());
        Assert.StartsWith("reached from more than one kind of root: ", shared.GetProperty("label").GetString(), StringComparison.Ordinal);
        var inside = level.GetProperty("children").EnumerateArray().Sum(c => c.GetProperty("retained").GetInt64())
            + level.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("retained").GetInt64()) + level.GetProperty("othersRetained").GetInt64();
        Assert.True(inside >= shared.GetProperty("retained").GetInt64(), $"the shared level holds {inside} B, its tile {shared.GetProperty("retained")} B");
        Assert.Contains(level.GetProperty("children").EnumerateArray(), c => c.GetProperty("label").GetString()!.Contains("LeakedSession", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_open_a_bucket_of_the_dominator_tree_and_lead_back_to_it()
    {
        // The interpreter always leaves some garbage no root reaches (e.g. cycles awaiting collection).
        var bucket = await server.GetOkAsync("api/dominators/unreachable?limit=5");
        var child = bucket.GetProperty("children")[0];

        var level = await server.GetOkAsync($"api/dominators/{child.GetProperty("node").GetString()}");

        Assert.True(bucket.GetProperty("childCount").GetInt64() > 0);
        Assert.Equal(["root", "unreachable", child.GetProperty("node").GetString()],
            level.GetProperty("chain").EnumerateArray().Select(c => c.GetProperty("node").GetString()).Take(3));
    }

    [Fact]
    public async Task Should_mark_an_object_only_through_a_json_post()
    {
        var registry = (await server.GetOkAsync("api/go?target=__main__.REGISTRY")).GetProperty("id").GetInt32();
        using var form = new FormUrlEncodedContent([new("id", registry.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("mark", "formmark")]);

        using var refused = await server.Http.PostAsync(new Uri("api/marks", UriKind.Relative), form);
        using var accepted = await server.Http.PostAsJsonAsync(new Uri("api/marks", UriKind.Relative), new { id = registry, mark = "registry" });
        var goMark = await server.GetOkAsync("api/go?target=registry");
        var marks = await server.GetOkAsync("api/marks");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(registry, goMark.GetProperty("id").GetInt32());
        Assert.Contains(marks.EnumerateArray(), m => m.GetProperty("mark").GetString() == "registry" && m.GetProperty("object").GetProperty("id").GetInt32() == registry);
        Assert.DoesNotContain(marks.EnumerateArray(), m => m.GetProperty("mark").GetString() == "formmark");
    }

    private async Task<int> SessionsListIdAsync() =>
        (await server.GetOkAsync("api/go?target=__main__.REGISTRY.sessions")).GetProperty("id").GetInt32();

    [System.Text.RegularExpressions.GeneratedRegex(@"REGISTRY\W*\.sessions\[\d+\]$")]
    private static partial System.Text.RegularExpressions.Regex RegistryPath();

    private static string Label(JsonElement summary) => summary.GetProperty("label").GetString()!;
}
