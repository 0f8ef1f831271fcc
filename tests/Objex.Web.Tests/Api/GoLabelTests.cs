using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>The go box takes back what the page shows: an object's label, or #id.</summary>
[Collection(LeakCollection.Name)]
public sealed class GoLabelTests(LeakServer server)
{
    [Fact]
    public async Task Should_go_to_the_object_a_pasted_label_names()
    {
        var registry = await server.GetOkAsync("api/go?target=__main__.REGISTRY");
        var id = registry.GetProperty("id").GetInt32();

        var byLabel = await server.GetOkAsync($"api/go?target={Uri.EscapeDataString(registry.GetProperty("label").GetString()!)}");
        var byHashId = await server.GetOkAsync($"api/go?target=%23{id}");

        Assert.Equal(id, byLabel.GetProperty("id").GetInt32());
        Assert.Equal(id, byHashId.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Should_go_to_a_frame_whose_label_holds_angle_brackets()
    {
        // <frame <module>#N>: the code name itself is in angle brackets.
        var threads = await server.GetOkAsync("api/threads");
        var moduleFrame = threads.EnumerateArray().SelectMany(t => t.GetProperty("frames").EnumerateArray())
            .Select(f => f.GetProperty("frame")).First(f => f.GetProperty("label").GetString()!.StartsWith("<frame <module>#", StringComparison.Ordinal));

        var found = await server.GetOkAsync($"api/go?target={Uri.EscapeDataString(moduleFrame.GetProperty("label").GetString()!)}");

        Assert.Equal(moduleFrame.GetProperty("id").GetInt32(), found.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("%2399999999", "no object #99999999 (ids run from 0 to ")]
    [InlineData("%3Cdict%2399999999999999999999%3E", "no object #99999999999999999999 (ids run from 0 to ")]
    public async Task Should_name_the_id_typed_when_no_object_has_it(string target, string message)
    {
        var (status, body) = await server.GetJsonAsync($"api/go?target={target}");

        Assert.Equal(404, status);
        Assert.StartsWith(message, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
