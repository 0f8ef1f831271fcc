using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// <c>top retained</c> without nesting: the largest objects by retained size, none kept alive by one listed before
/// it, and none of the plumbing every heap has at its top. A module (and its <c>__dict__</c>) or a frame retains
/// what its globals or locals do, and a class its methods, so they would lead the list on every heap
/// ("&lt;module zipfile&gt;") and hide the containers under them; they are left out and their largest children
/// take their place, each shown with its path from the module, which names the module anyway.
/// </summary>
internal static class ContainerRanking
{
    /// <summary>
    /// The <paramref name="count"/> largest. Candidates come from one bounded-heap pass (O(N log k)); when nesting
    /// discards too many (a linked list's nodes each retain the rest), the pass is repeated for 4× as many.
    /// A candidate is checked by walking its dominator chain against those listed: O(depth).
    /// </summary>
    internal static List<(int Id, long Value)> Select(HeapSnapshot snapshot, int count, CancellationToken cancellationToken)
    {
        var measure = new ContainerRetainedMeasure(snapshot);
        for (var candidates = Math.Max(count * 8, 64); ; candidates = (int)Math.Min(candidates * 4L, snapshot.ObjectCount))
        {
            var top = TopSelector.Select(snapshot.ObjectCount, candidates, measure, cancellationToken);
            var listed = new HashSet<ObjId>();
            var known = new Dictionary<ObjId, bool>();
            var walked = new List<ObjId>();
            var kept = new List<(int Id, long Value)>(count);
            foreach (var entry in top)
            {
                if (kept.Count == count)
                {
                    break;
                }

                if (!UnderAny(snapshot, (ObjId)entry.Id, listed, known, walked))
                {
                    listed.Add((ObjId)entry.Id);
                    kept.Add(entry);
                }
            }

            if (kept.Count == count || top.Count < candidates || candidates >= snapshot.ObjectCount)
            {
                return kept;
            }
        }
    }

    /// <summary>
    /// Whether a listed object keeps <paramref name="obj"/> alive. What a walk learns is kept for every dominator it
    /// passed (they lie under the same listed object, or under none), so a pass walks each dominator once: a
    /// 1,000,000-node linked list costs one walk, not one per node.
    /// </summary>
    private static bool UnderAny(HeapSnapshot snapshot, ObjId obj, HashSet<ObjId> listed, Dictionary<ObjId, bool> known, List<ObjId> walked)
    {
        walked.Clear();
        var under = false;
        for (var up = snapshot.ImmediateDominator(obj); (int)up >= 0; up = snapshot.ImmediateDominator(up))
        {
            if (listed.Contains(up))
            {
                under = true;
                break;
            }

            if (known.TryGetValue(up, out under))
            {
                break;
            }

            walked.Add(up);
        }

        foreach (var w in walked)
        {
            known[w] = under;
        }

        return under;
    }
}

/// <summary>
/// Retained size, leaving out (-1) what <see cref="RetainedSizeMeasure"/> leaves out, modules, frames, code, and
/// classes with their <c>__dict__</c>: a class retains its methods, which is code, not data; a class-level cache
/// (<c>Foo._cache</c>) is then a row of its own.
/// </summary>
internal readonly struct ContainerRetainedMeasure(HeapSnapshot snapshot) : IObjectMeasure
{
    private readonly RetainedSizeMeasure _retained = new(snapshot);

    public long Measure(int id)
    {
        var obj = (ObjId)id;
        if (snapshot.KindOf(obj) is ObjKind.Module or ObjKind.Frame or ObjKind.Type or ObjKind.Code)
        {
            return -1;
        }

        var dominator = snapshot.ImmediateDominator(obj);
        return (int)dominator >= 0 && snapshot.KindOf(dominator) == ObjKind.Type && RetainedSizeMeasure.IsDictOf(snapshot, dominator, obj)
            ? -1
            : _retained.Measure(id);
    }
}
