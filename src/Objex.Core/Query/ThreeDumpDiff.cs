using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// What grew over three dumps of one process (<c>objex diff A B C</c>): the two intervals' <see cref="HeapDiff"/>s,
/// their growth joined by place and type with what grew in both first (LeakCanary's method), and what was created
/// between A and B and is still alive in C (memlab's method). Both reuse the two-dump matching: an object of C is
/// one of B when <see cref="HeapDiff"/> matches them, and that one was created after A when B→A matches it to none.
/// </summary>
/// <param name="A">The first analysis.</param>
/// <param name="B">The second.</param>
/// <param name="C">The third.</param>
/// <param name="MatchedByAddress">False under <c>force</c>: nothing is matched and <see cref="StillAlive"/> is null.</param>
/// <param name="First">A compared with B.</param>
/// <param name="Second">B compared with C.</param>
/// <param name="Growth">Every place and type either interval lists as growth: those that grew in both first, then by
/// retained growth over both intervals.</param>
/// <param name="StillAlive">Places and types of objects created between A and B and alive in C, most retained first; a
/// group most of whose objects are kept alive by objects of another group is left to that one (a leaked job's payload
/// is the job's). Null under <c>force</c>.</param>
public sealed record ThreeDumpDiff(
    DiffSide A, DiffSide B, DiffSide C, bool MatchedByAddress, HeapDiff First, HeapDiff Second,
    IReadOnlyList<GrowthTrend> Growth, IReadOnlyList<StillAliveGroup>? StillAlive)
{
    /// <summary>
    /// Compares three analyses, taken in this order. Unless <paramref name="force"/>, all must be dumps of one process
    /// (as <see cref="HeapDiff.Compare"/> requires of two). The cost of two two-dump diffs (B's paths computed once),
    /// plus the paths of C's objects created between A and B.
    /// </summary>
    /// <exception cref="QueryException">One line: a file given twice, or dumps of different processes.</exception>
    public static ThreeDumpDiff Compare(QuerySession a, QuerySession b, QuerySession c, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);

        // Every refusal before any work.
        HeapDiff.RequireComparable(a.Snapshot, b.Snapshot, "A", force);
        HeapDiff.RequireComparable(b.Snapshot, c.Snapshot, "B", force);
        HeapDiff.RequireComparable(a.Snapshot, c.Snapshot, "A", force);
        var (first, ab) = HeapDiff.CompareWithSides(a, b, force, cancellationToken);
        var (second, bc) = HeapDiff.CompareWithSides(b, c, force, cancellationToken);
        var stillAlive = force ? null : StillAliveGroups.Rank(ab, bc, c, cancellationToken);
        return new ThreeDumpDiff(
            HeapDiff.Side(a.Snapshot), HeapDiff.Side(b.Snapshot), HeapDiff.Side(c.Snapshot), !force, first, second,
            Trends(first.Growth, second.Growth), stillAlive);
    }

    /// <summary>The two intervals' growth joined by path key and type: grown in both first, then most retained growth.</summary>
    private static List<GrowthTrend> Trends(IReadOnlyList<GrowthEntry> first, IReadOnlyList<GrowthEntry> second)
    {
        var index = new Dictionary<(string Key, string Type), int>();
        var trends = new List<GrowthTrend>(first.Count + second.Count);
        foreach (var entry in first)
        {
            index[(entry.Path.Key, entry.TypeName)] = trends.Count;
            trends.Add(new GrowthTrend(entry.Path, entry.TypeName, entry, null));
        }

        foreach (var entry in second)
        {
            if (index.TryGetValue((entry.Path.Key, entry.TypeName), out var i))
            {
                trends[i] = trends[i] with { Path = entry.Path, Second = entry };
            }
            else
            {
                trends.Add(new GrowthTrend(entry.Path, entry.TypeName, null, entry));
            }
        }

        trends.Sort((p, q) => p.GrewInBoth != q.GrewInBoth ? q.GrewInBoth.CompareTo(p.GrewInBoth)
            : p.RetainedDelta != q.RetainedDelta ? q.RetainedDelta.CompareTo(p.RetainedDelta)
            : p.CountDelta != q.CountDelta ? q.CountDelta.CompareTo(p.CountDelta)
            : string.CompareOrdinal(p.Path.Text, q.Path.Text) is var byPath && byPath != 0 ? byPath
            : string.CompareOrdinal(p.TypeName, q.TypeName));
        return trends;
    }
}
