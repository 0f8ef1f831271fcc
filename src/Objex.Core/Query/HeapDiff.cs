using System.Text.Json.Serialization;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// What grew between two dumps of one process (<c>objex diff A B</c>): the accumulation points, most retained
/// growth first, and every type's instances in both. Objects are matched across the dumps by address and type
/// (CPython never moves an object), places by <see cref="NormalisedRootPath.Key"/> (equal for equal paths in any dump).
/// </summary>
/// <param name="A">The earlier analysis.</param>
/// <param name="B">The later analysis.</param>
/// <param name="MatchedByAddress">False under <c>force</c>: the dumps may come from different processes, so objects are
/// not matched and new, freed and surviving counts are null.</param>
/// <param name="Growth">Objects of one type at one place with more new objects than freed ones (or, for a place whose number did
/// not grow, more retained bytes not explained by one that did), most retained growth first; a place most of whose new
/// objects are kept alive by objects of another growing place is left to that one.</param>
/// <param name="Types">Every type in either dump, largest growth of its instances' own bytes first.</param>
public sealed record HeapDiff(DiffSide A, DiffSide B, bool MatchedByAddress, IReadOnlyList<GrowthEntry> Growth, IReadOnlyList<TypeDelta> Types)
{
    /// <summary>Shallow bytes more in B than in A.</summary>
    public long ShallowDelta => B.ShallowBytes - A.ShallowBytes;

    /// <summary>
    /// B's new objects by allocation site, most bytes (shallow sizes) first, when B has sites; else null (and left out
    /// of JSON). Under <c>force</c>, every object of B.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SiteTotal>? Sites { get; init; }

    /// <summary>
    /// Which of B's objects A did not have: O(1) per object, for faces that mark them.
    /// Filled for a session's baseline (<see cref="QuerySession.AttachBaseline"/>); empty from <see cref="Compare"/>.
    /// </summary>
    [JsonIgnore]
    public NewObjectSet NewInB { get; init; } = NewObjectSet.Empty;

    /// <summary>
    /// One object of B per <see cref="Growth"/> entry, in the same order, for a face to go to: a new object of the
    /// entry's type at its place when it has one, else one there whose retained size changed. Filled for a session's
    /// baseline, as <see cref="NewInB"/>.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<ObjId> GrowthSamples { get; init; } = [];

    /// <summary>
    /// Compares two analyses. Unless <paramref name="force"/>, they must be dumps of one process: the same host, pid
    /// and process start time (meta's <c>process_start_ticks</c>). O(N + E) over both, plus each object's path the
    /// first time (memoised in the sessions).
    /// </summary>
    /// <exception cref="QueryException">One line: the same file twice, or dumps of different processes (or one that does not say which).</exception>
    public static HeapDiff Compare(QuerySession a, QuerySession b, bool force = false, CancellationToken cancellationToken = default) =>
        CompareWithSides(a, b, force, cancellationToken).Diff;

    /// <summary>As <see cref="Compare"/>, with the matched sides kept for a three-dump comparison (<see cref="ThreeDumpDiff"/>) and a session's baseline (<see cref="QuerySession.AttachBaseline"/>).</summary>
    internal static (HeapDiff Diff, DiffSides Sides) CompareWithSides(QuerySession a, QuerySession b, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireComparable(a.Snapshot, b.Snapshot, "A", force);
        var sides = DiffSides.Build(a, b, matchByAddress: !force, cancellationToken);
        var growth = GrowthGroups.Rank(sides, cancellationToken);
        var sites = GrowthSites.Attach(sides, growth, cancellationToken);
        return (new HeapDiff(Side(a.Snapshot), Side(b.Snapshot), !force, growth, sides.TypeDeltas()) { Sites = sites }, sides);
    }

    /// <summary>
    /// Refuses <paramref name="later"/> when it is the same file as <paramref name="earlier"/> (named <paramref name="earlierName"/>
    /// in the line), or, unless <paramref name="force"/>, a dump of another process.
    /// </summary>
    internal static void RequireComparable(HeapSnapshot earlier, HeapSnapshot later, string earlierName, bool force)
    {
        if (string.Equals(Path.GetFullPath(earlier.Path), Path.GetFullPath(later.Path), StringComparison.Ordinal))
        {
            throw new QueryException($"{later.Path}: the same file as {earlierName}: diff compares two dumps of one process");
        }

        if (!force && SameProcessProblem(earlier, later) is { } problem)
        {
            throw new QueryException($"{later.Path}: {problem} (--force compares them by type and path only)");
        }
    }

    /// <summary>Why two dumps are not of one process, or null when they are.</summary>
    private static string? SameProcessProblem(HeapSnapshot a, HeapSnapshot b)
    {
        var (ma, mb) = (a.Meta, b.Meta);
        if (ma.ProcessStartTicks is null || mb.ProcessStartTicks is null)
        {
            var which = ma.ProcessStartTicks is null ? a.Path : b.Path;
            return $"cannot tell whether both dumps come from one process: {which} does not record the process start time (a dump by an older collector)";
        }

        if (ma.Pid != mb.Pid || ma.Hostname != mb.Hostname || ma.ProcessStartTicks != mb.ProcessStartTicks)
        {
            return $"not a dump of the same process as {a.Path}: pid {mb.Pid} on {mb.Hostname} started at tick {mb.ProcessStartTicks}, "
                + $"there pid {ma.Pid} on {ma.Hostname} started at tick {ma.ProcessStartTicks}";
        }

        return null;
    }

    internal static DiffSide Side(HeapSnapshot snapshot) => new(
        snapshot.Path, snapshot.Meta.SourceDumpFile, snapshot.Meta.Timestamp, snapshot.Meta.Pid, snapshot.Meta.RssBytes,
        snapshot.ObjectCount, snapshot.Meta.TotalShallowBytes);
}
