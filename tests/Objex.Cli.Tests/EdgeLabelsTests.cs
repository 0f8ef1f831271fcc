using Objex.Cli.Tests.Support;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Tests;

/// <summary><see cref="HeapSnapshot.EdgeLabels"/> reads what <see cref="HeapSnapshot.EdgeLabel"/> reads, by lookups (few) or by one scan (many).</summary>
[Collection(TwoHoldersCollection.Name)]
public sealed class EdgeLabelsTests(TwoHoldersHeap heap)
{
    [Theory]
    [InlineData(997)]   // a few hundred edges: one lookup each
    [InlineData(3)]     // a third of every edge: one scan
    public void Should_read_the_labels_one_by_one_reading_gives_in_the_order_asked(int every)
    {
        using var session = QuerySession.Open(heap.AnalysisDb);
        var snapshot = session.Snapshot;

        // Asked backwards and with one edge twice, so the answer's order is not the table's.
        var edges = Enumerable.Range(0, snapshot.EdgeCount).Where(e => e % every == 0).Select(e => (EdgeId)e).Reverse().Append((EdgeId)0).ToArray();
        var labels = snapshot.EdgeLabels(edges);

        Assert.Equal(edges.Select(snapshot.EdgeLabel), labels);
        Assert.Contains(labels, l => l.StartsWith('@'));
    }
}
