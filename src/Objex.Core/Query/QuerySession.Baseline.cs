using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// A baseline: an earlier dump of the same process compared with this one (<c>objex explore B --baseline A</c>, the
/// REPL's <c>diff A</c>, <c>objex web B --baseline A</c>). Once attached, every <see cref="ObjectSummary"/> says whether
/// its object is new since A, and the growth can be listed with objects to go to.
/// </summary>
public sealed partial class QuerySession
{
    /// <summary>The comparison with the baseline, this session being B; null until one is attached.</summary>
    public HeapDiff? Baseline { get; private set; }

    /// <summary>
    /// Compares <paramref name="baseline"/> (A, an earlier dump of the same process) with this session (B) and keeps
    /// the result: from now on <see cref="IsNew"/> and <see cref="ObjectSummary.IsNew"/> answer from it. Replaces an
    /// earlier baseline. <paramref name="baseline"/> may be disposed afterwards: nothing of it is kept but the header.
    /// </summary>
    /// <exception cref="QueryException">One line: the same file as this one, or a dump of another process (as <see cref="HeapDiff.Compare"/>).</exception>
    public HeapDiff AttachBaseline(QuerySession baseline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var diff = HeapDiff.Compare(baseline, this, force: false, cancellationToken);
        Baseline = diff;
        _labeler.NewObjects = diff.NewInB;
        return diff;
    }

    /// <summary>Whether the object is new since the baseline (false without one). O(1): one bit.</summary>
    public bool IsNew(ObjId id) => Baseline is { } diff && diff.NewInB.Contains(id);

    /// <summary>
    /// The baseline's first <paramref name="limit"/> growth entries, most retained growth first, each with a sample
    /// of its objects and what holds it; empty without a baseline.
    /// </summary>
    public IReadOnlyList<GrowthTarget> BaselineGrowth(int limit)
    {
        if (Baseline is not { } diff)
        {
            return [];
        }

        var targets = new GrowthTarget[Math.Clamp(limit, 0, diff.Growth.Count)];
        for (var i = 0; i < targets.Length; i++)
        {
            var sample = diff.GrowthSamples[i];
            var path = NearestRootPath(sample);
            var holder = path is { Steps.Count: > 0 } ? Summarize(path.Steps[^1].From) : null;
            targets[i] = new GrowthTarget(diff.Growth[i], Summarize(sample), holder);
        }

        return targets;
    }
}
