using Objex.Cli.Tests.Support;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Tests;

/// <summary>
/// The query layer's normalised root paths and merged groups on a real heap (Targets/two_holders.py, dumped by
/// CPython 3.11 and analysed by the real make-analysis-db), asked through <see cref="QuerySession"/>.
/// </summary>
[Collection(TwoHoldersCollection.Name)]
public sealed class NormalisedRootPathTests(TwoHoldersHeap heap)
{
    private static readonly Random Seeded = new(1);

    [Fact]
    public void Should_collapse_list_indexes_and_scalar_dict_keys_and_show_attributes_by_name()
    {
        using var session = QuerySession.Open(heap.AnalysisDb);

        var inRoom = session.NormalisedRootPath(Go(session, "store.ROOM_HISTORY[3][17]"));
        var inOtherRoom = session.NormalisedRootPath(Go(session, "store.ROOM_HISTORY[29][0]"));
        var archived = session.NormalisedRootPath(Go(session, "store.ARCHIVE['evt-42']"));
        var sample = session.NormalisedRootPath(Go(session, "store.SAMPLES.items[7].data"));

        Assert.Equal("<module store>.ROOM_HISTORY[*][*]", inRoom.Text);
        Assert.Equal(inRoom, inOtherRoom);
        Assert.Equal("<module store>.ARCHIVE[*]", archived.Text);
        Assert.NotEqual(inRoom.Key, archived.Key);
        Assert.Equal("<module store>.SAMPLES.items[*].data", sample.Text);
        Assert.True(inRoom.IsReached);
        Assert.False(inRoom.IsElided);
    }

    [Fact]
    public void Should_keep_the_first_and_last_steps_of_a_100000_step_path()
    {
        using var session = QuerySession.Open(heap.AnalysisDb);
        var head = Go(session, "store.CHAIN");
        var last = head;
        for (var next = NextLink(session, head); next != ObjId.None; next = NextLink(session, next))
        {
            last = next;
        }

        var path = session.NormalisedRootPath(last);
        var deep = session.NormalisedRootPath(NextLink(session, NextLink(session, Enumerable.Range(0, 20).Aggregate(head, (o, _) => NextLink(session, o)))));

        Assert.Equal(99_999, session.Snapshot.ModuleTree.Distance(last) - session.Snapshot.ModuleTree.Distance(head));
        Assert.True(path.IsElided);
        Assert.Equal("<module store>.CHAIN.next.next.next.next….next.next.next.next.next.next", path.Text);
        Assert.Equal(path, deep);
    }

    [Fact]
    public void Should_merge_a_types_instances_by_holder_with_counts_bytes_and_a_sample()
    {
        using var session = QuerySession.Open(heap.AnalysisDb);
        var eventType = Go(session, "store.Event");

        var merged = session.MergedRootPathsOfType(eventType);

        Assert.Equal(3_500, merged.Total);
        Assert.Equal(["<module store>.ROOM_HISTORY[*][*]", "<module store>.ARCHIVE[*]"], merged.Groups.Select(g => g.Path.Text));
        Assert.Equal([3_000L, 500L], merged.Groups.Select(g => g.Count));
        Assert.Equal(0, merged.OtherCount);
        Assert.Equal(0, merged.OtherGroups);
        foreach (var group in merged.Groups)
        {
            // Each Event keeps its 100-byte payload alive: retained is more than shallow, and the sample is one of them.
            Assert.Equal(group.Count * 56, group.ShallowBytes);
            Assert.True(group.RetainedBytes > group.ShallowBytes);
            Assert.Equal(group.Path, session.NormalisedRootPath(group.Sample.Id));
            Assert.Equal("store.Event", group.Sample.TypeName);
        }
    }

    [Fact]
    public void Should_count_an_object_kept_alive_by_another_of_the_set_once()
    {
        using var session = QuerySession.Open(heap.AnalysisDb);
        var linkType = Go(session, "store.Link");
        var head = Go(session, "store.CHAIN");

        var merged = session.MergedRootPathsOfType(linkType, limit: 100);

        // Every link keeps the rest of the chain alive: their retained sizes add up to the head's, not 100,000 times it.
        Assert.Equal(100_000, merged.Total);
        Assert.Equal(session.Snapshot.RetainedSize(head), merged.Groups.Sum(g => g.RetainedBytes));
        // Paths of up to 12 steps are whole (`.__dict__`, `.CHAIN`, then `.next` up to 10 times): 11 links have
        // a path of their own, the other 99,989 share the elided one.
        Assert.Equal(99_989, merged.Groups[0].Count);
        Assert.Equal(12, merged.Groups.Count);
    }

    [Fact]
    public void Should_merge_what_a_container_keeps_alive_by_type_and_path_below_it()
    {
        using var session = QuerySession.Open(heap.AnalysisDb);

        var bag = session.KeptGroups(Go(session, "store.SAMPLES"));
        var list = session.KeptGroups(Go(session, "store.SAMPLES.items"));

        Assert.Equal(
            ["1 × list .items", "101 × store.Sample .items[*]", "1 × list .index"],
            bag.Select(g => $"{g.Count} × {g.TypeName} {g.PathBelow}"));
        Assert.Equal(["2400 × store.Sample [*]"], list.Select(g => $"{g.Count} × {g.TypeName} {g.PathBelow}"));
        Assert.Equal(session.Snapshot.RetainedSize(Go(session, "store.SAMPLES.items")) - session.Snapshot.ShallowSize(Go(session, "store.SAMPLES.items")), list[0].RetainedBytes);
    }

    [Fact]
    public void Should_give_the_same_key_to_the_same_holder_in_another_dump()
    {
        var again = heap.AnotherAnalysis();
        using var first = QuerySession.Open(heap.AnalysisDb);
        using var second = QuerySession.Open(again);

        var a = first.MergedRootPathsOfType(Go(first, "store.Event")).Groups.Select(g => (g.Path.Key, g.Count));
        var b = second.MergedRootPathsOfType(Go(second, "store.Event")).Groups.Select(g => (g.Path.Key, g.Count));

        Assert.Equal(a, b);
    }

    [Fact]
    public void Should_list_no_row_that_a_listed_row_keeps_alive_and_no_module()
    {
        using var session = QuerySession.Open(heap.AnalysisDb);

        var top = session.TopRetained(50, nested: false);
        var nested = session.TopRetained(50, nested: true);

        Assert.Equal(50, top.Count);
        Assert.DoesNotContain(top, row => row.Object.Kind is ObjectKind.Module or ObjectKind.Frame or ObjectKind.Type);
        var listed = top.Select(row => row.Object.Id).ToHashSet();
        foreach (var row in top)
        {
            for (var up = session.Snapshot.ImmediateDominator(row.Object.Id); (int)up >= 0; up = session.Snapshot.ImmediateDominator(up))
            {
                Assert.DoesNotContain(up, listed);
            }
        }

        Assert.Equal(ObjectKind.Module, nested[0].Object.Kind);
        Assert.Equal(top.Select(r => r.Value).OrderByDescending(v => v), top.Select(r => r.Value));
    }

    private static ObjId Go(QuerySession session, string target) => session.Resolve(target, 0, Seeded);

    private static ObjId NextLink(QuerySession session, ObjId link)
    {
        try
        {
            var next = session.Resolve(".next", link, Seeded);
            return session.Summarize(next).TypeName == "store.Link" ? next : ObjId.None;
        }
        catch (QueryException)
        {
            return ObjId.None;
        }
    }
}
