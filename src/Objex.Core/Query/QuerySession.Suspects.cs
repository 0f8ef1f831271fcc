using Objex.Snapshot;

namespace Objex.Query;

/// <summary>Leak suspects, MAT-style: the holders of a large share of the heap, named in one command.</summary>
public sealed partial class QuerySession
{
    /// <summary>The share of the heap a suspect retains at least unless told otherwise (MAT's 10%).</summary>
    public const double DefaultSuspectThreshold = 0.10;

    /// <summary>Going down from a holder, a child that keeps at least this share of its parent is followed: below it the size spreads.</summary>
    public const double SuspectDescentShare = 0.70;

    /// <summary>Kept groups and sample paths shown per suspect.</summary>
    private const int SuspectGroups = 5, SuspectSamplePaths = 2;

    /// <summary>
    /// The leak suspects: top-level retainers (modules, classes, functions, frames looked through) of at least
    /// <paramref name="threshold"/> of the heap, each walked down to its accumulation point, and groups of many small
    /// ones of one type that no container holds; largest first. Also the garbage and what only thread stacks keep.
    /// O(objects under plumbing + descent + the accumulation points' children); see <see cref="SuspectFinder"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not in (0, 1].</exception>
    public SuspectReport Suspects(double threshold = DefaultSuspectThreshold, CancellationToken cancellationToken = default)
    {
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "a share of the heap in (0, 1]");
        }

        var heap = _snapshot.RetainedSize(ObjId.SuperRoot);
        var bytes = (long)Math.Ceiling(threshold * heap);
        var suspects = new List<Suspect>();
        var candidates = SuspectFinder.Find(_snapshot, Math.Max(bytes, 1), SuspectDescentShare, cancellationToken);
        var groupSites = GroupSites(candidates, cancellationToken);
        foreach (var candidate in candidates)
        {
            suspects.Add(ToSuspect(candidate, heap, groupSites, cancellationToken));
        }

        return new SuspectReport(heap, threshold, suspects, Totals(cancellationToken).Garbage, _snapshot.RetainedSize(ObjId.ThreadStacksRoot));
    }

    /// <summary>
    /// Where the group suspects' members were allocated, by bucket and type: a group's members are top-level retainers
    /// spread under its bucket, so its type's instances there are counted, in one walk per bucket for all its groups
    /// (a walk per group would be O(heap) each: a report can hold 1,500 groups). Null when the heap has no sites.
    /// </summary>
    private Dictionary<(ObjId Bucket, ObjId Type), SiteBreakdown>? GroupSites(List<SuspectFinder.Candidate> candidates, CancellationToken cancellationToken)
    {
        if (!HasAllocationSites)
        {
            return null;
        }

        var sites = new Dictionary<(ObjId Bucket, ObjId Type), SiteBreakdown>();
        foreach (var bucket in candidates.Where(c => c.Kind == SuspectKind.Group).GroupBy(c => c.Bucket))
        {
            var types = bucket.Select(c => _snapshot.TypeOf(c.Point)).ToHashSet();
            foreach (var (type, breakdown) in SitesBelow(bucket.Key, types, cancellationToken)!)
            {
                sites[(bucket.Key, type)] = breakdown;
            }
        }

        return sites;
    }

    private Suspect ToSuspect(
        SuspectFinder.Candidate candidate, long heap, Dictionary<(ObjId Bucket, ObjId Type), SiteBreakdown>? groupSites, CancellationToken cancellationToken)
    {
        var point = candidate.Point;
        var share = heap == 0 ? 0 : (double)candidate.Retained / heap;
        List<KeptGroup> accumulated;
        var samples = new List<RootPath>();
        if (candidate.Kind == SuspectKind.Group)
        {
            var sample = Summarize(point);
            accumulated = [new KeptGroup(TypeOf(point), sample.TypeName, candidate.Count, candidate.Retained, null, sample)];
        }
        else
        {
            accumulated = AccumulatedByType(point, cancellationToken);
            foreach (var group in accumulated.Take(SuspectSamplePaths))
            {
                if (PathBetween(point, group.Sample.Id, cancellationToken) is { } path)
                {
                    samples.Add(path);
                }
            }
        }

        var allocatedAt = candidate.Kind == SuspectKind.Group
            ? groupSites?[(candidate.Bucket, _snapshot.TypeOf(point))]
            : accumulated.Count > 0 ? SitesBelow(point, [accumulated[0].Type.Id], cancellationToken)?[accumulated[0].Type.Id] : null;
        return new Suspect(
            candidate.Kind, Summarize(candidate.Holder), Summarize(point), candidate.Retained, share, candidate.Count, candidate.Bucket,
            NormalisedRootPath(point), NearestRootPath(point), accumulated, samples,
            candidate.Bucket == ObjId.ThreadStacksRoot ? ThreadHolding(point) : null)
        {
            AllocatedAt = allocatedAt,
        };
    }

    /// <summary>
    /// What the accumulation point keeps alive directly, by type, with the path below it of each type's sample. Not
    /// <see cref="KeptGroups"/>: that normalises every child's path, reading a label per dict entry (0.8 s for a
    /// 110,000-entry dict on a 1 M-object heap); counting by type reads none, O(children).
    /// </summary>
    private List<KeptGroup> AccumulatedByType(ObjId point, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var where = NormalisedRootPath(point);
        var groups = new List<KeptGroup>(SuspectGroups);
        foreach (var group in DominatorChildRanking.GroupByType(_snapshot, _snapshot.DominatedChildren(point), []).Take(SuspectGroups))
        {
            var sample = Summarize(group.Sample);
            var path = NormalisedRootPath(group.Sample);
            var below = where.IsReached && !where.IsElided && !path.IsElided && path.Text.StartsWith(where.Text, StringComparison.Ordinal)
                ? path.Text[where.Text.Length..]
                : null;
            groups.Add(new KeptGroup(TypeOf(group.Sample), sample.TypeName, group.Count, group.Retained, below, sample));
        }

        return groups;
    }

    /// <summary>The thread, frame and local through which a thread's stack reaches the object, when one does.</summary>
    private SuspectThread? ThreadHolding(ObjId obj)
    {
        var tree = _snapshot.FrameTree;
        if (!tree.IsReachable(obj))
        {
            return null;
        }

        var frame = tree.Root(obj);
        var path = TreePath(tree, obj);
        string? local = null;
        if (path.Steps.Count > 0 && path.Steps[0].Edge is { } edge && edge.StartsWith(".locals[", StringComparison.Ordinal))
        {
            local = edge[".locals[".Length..^1].Trim('\'', '"');
        }

        var thread = _snapshot.Threads.FirstOrDefault(t => _snapshot.IsObject(t.TopFrame) && OlderFrames(t.TopFrame).Contains(frame));
        var name = thread.TopFrame == default && thread.ThreadId == 0 ? "(no thread: a frame nothing else holds)" : thread.Name ?? thread.ThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SuspectThread(name, Summarize(frame), local);
    }
}
