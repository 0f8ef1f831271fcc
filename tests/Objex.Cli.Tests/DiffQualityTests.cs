using System.Text.Json;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// The issue's quality bar for `objex diff A B` beyond the session store (DiffTests): programs that dump twice while a
/// leak grows beside a cache that churns name the growing holder and type first and leave the churning type out; and
/// addresses freed and taken by objects of another type or size are new objects, not survivors.
/// </summary>
public sealed class DiffQualityTests(EventBusDumps bus, PendingTasksDumps tasks, AddressReuseDumps reuse)
    : IClassFixture<EventBusDumps>, IClassFixture<PendingTasksDumps>, IClassFixture<AddressReuseDumps>
{
    [Fact]
    public void Should_name_the_widgets_an_event_bus_never_unsubscribed_and_not_the_churning_cache()
    {
        var result = Processes.Objex(["diff", bus.Analyses[0], bus.Analyses[1]]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var growth = DiffOutput.Section(result.Stdout, "What grew");

        // The widget, not the bound method the bus keeps: the method is the path's last step but one.
        Assert.Matches(@"^  1 - \+600 app\.Widget \(\+\d+\.\d KiB retained\) <module app>\.BUS\._listeners\[\*\]\.__self__$", growth[0]);
        Assert.DoesNotContain(growth, l => l.Contains("Rendered", StringComparison.Ordinal) || l.Contains("RENDERED", StringComparison.Ordinal));
        Assert.DoesNotContain(growth, l => l.Contains(" method ", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_name_the_done_tasks_an_asyncio_service_keeps_in_a_set_and_not_the_churning_sessions()
    {
        var result = Processes.Objex(["diff", tasks.Analyses[0], tasks.Analyses[1]]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var growth = DiffOutput.Section(result.Stdout, "What grew");
        Assert.Matches(@"^  1 - \+500 _asyncio\.Task \(\+\d+\.\d KiB retained\) <module app>\.PENDING\*$", growth[0]);

        // A task's reply is the task's.
        Assert.DoesNotContain(growth, l => l.Contains("Reply", StringComparison.Ordinal) || l.Contains("Session", StringComparison.Ordinal) || l.Contains("SESSIONS", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_count_an_address_taken_by_another_type_or_size_as_a_freed_object_and_a_new_one()
    {
        var result = Processes.Objex(["diff", reuse.Analyses[0], reuse.Analyses[1], "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(reuse.Facts["new_at_old_addresses"] > 0 && reuse.Facts["larger_blobs_at_old_addresses"] > 0, "the target no longer reuses freed addresses: this test tests nothing");
        using var json = JsonDocument.Parse(result.Stdout);
        var types = json.RootElement.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("typeName").GetString()!);
        Assert.Equal((0, 1_000, 1_000, 0, 0), DiffOutput.Counts(types["app.New"]));
        Assert.Equal((1_000, 0, 0, 1_000, 0), DiffOutput.Counts(types["app.Old"]));

        // One type, 100 bytes then 104 at the same addresses: every one freed and new, and no growth in number.
        Assert.Equal((1_000, 1_000, 1_000, 1_000, 0), DiffOutput.Counts(types["app.Blob"]));
        Assert.DoesNotContain(json.RootElement.GetProperty("growth").EnumerateArray(), g => g.GetProperty("typeName").GetString() == "app.Blob");
    }
}
