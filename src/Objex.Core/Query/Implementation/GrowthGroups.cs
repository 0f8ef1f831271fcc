using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Which (place, type) groups of a <see cref="DiffSides"/> are accumulation points. A group with more new objects
/// than freed ones is one, unless most of its new objects are kept alive directly (immediate dominator) by objects of
/// another such group: a new session's dict and strings grow with the sessions, and the sessions say it (but a bound
/// method's object is named, not the method: <see cref="BindsSelf"/>). A group
/// whose number did not grow is one only when its retained bytes grew by more than a tenth of what its changed objects
/// retained in A (and by 1 KiB at least) and no new object of a listed group lies below one of its objects in B's dominator tree (a list that
/// holds more sessions is said by the sessions). Churn (new objects in place of as many freed ones) is neither. O(N)
/// over B: each new object's dominator chain is walked up to the first object already walked.
/// </summary>
internal static class GrowthGroups
{
    /// <summary>
    /// The least retained growth that lists a group whose number did not grow: below it, what changed is the dominator
    /// tree's noise between two dumps (a code object's constants that another function stopped sharing, +59 B), not
    /// memory anyone is looking for.
    /// </summary>
    internal const long MinRetainedGrowth = 1024;

    internal static List<GrowthEntry> Rank(DiffSides sides, CancellationToken cancellationToken)
    {
        var groups = sides.Groups;
        var groupOf = sides.GroupOfB;
        var b = sides.B;
        var grewInNumber = new bool[groups.Count];
        var newObjects = new long[groups.Count];
        var bindsSelf = new bool[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            grewInNumber[g] = groups[g].New > groups[g].Freed;
            newObjects[g] = groups[g].New;
            bindsSelf[g] = BindsSelf(sides.TypeNameOf(g));
        }

        var listed = Listed(b, groupOf, grewInNumber, bindsSelf, newObjects, sides.MatchOfB);
        var explained = Explained(sides, listed, cancellationToken);
        var entries = new List<GrowthEntry>();
        for (var g = 0; g < groups.Count; g++)
        {
            var x = groups[g];
            var retainedGrowth = x.New <= x.Freed && !explained[g] && x.RetainedDelta > Math.Max(x.RetainedBase / 10, MinRetainedGrowth);
            if (listed[g] || retainedGrowth)
            {
                entries.Add(new GrowthEntry(sides.PathOf(g), sides.TypeNameOf(g), x.New, x.Freed, x.RetainedDelta));
            }
        }

        entries.Sort((p, q) => p.RetainedDelta != q.RetainedDelta ? q.RetainedDelta.CompareTo(p.RetainedDelta)
            : p.CountDelta != q.CountDelta ? q.CountDelta.CompareTo(p.CountDelta)
            : string.CompareOrdinal(p.Path.Text, q.Path.Text) is var byPath && byPath != 0 ? byPath
            : string.CompareOrdinal(p.TypeName, q.TypeName));
        return entries;
    }

    /// <summary>
    /// Whether a group's objects are bound methods: a wrapper around the object they are bound to (<c>__self__</c>), so
    /// a registry of callbacks that grows (<c>._listeners[*]</c>) is said by the objects its methods keep
    /// (<c>._listeners[*].__self__</c>: the widgets nobody unsubscribed), not by the methods.
    /// </summary>
    internal static bool BindsSelf(string typeName) => typeName == "method";

    /// <summary>
    /// Which <paramref name="candidate"/> groups are listed: those most of whose counted objects are not kept alive
    /// directly (immediate dominator) by an object of another candidate group (a new session's dict and strings are
    /// the session's), except that a group that <see cref="BindsSelf"/> keeps none alive that way but is itself left to
    /// the group of what it binds when most of its objects keep one. Counted are the objects of candidate groups that
    /// are new (<paramref name="matchOf"/> below 0), every one when <paramref name="matchOf"/> is null; <paramref name="counts"/>
    /// are their numbers per group. O(N).
    /// </summary>
    internal static bool[] Listed(HeapSnapshot snapshot, int[] groupOf, bool[] candidate, bool[] bindsSelf, long[] counts, int[]? matchOf)
    {
        var kept = new long[candidate.Length];
        var keeps = new long[candidate.Length];
        for (var i = 0; i < groupOf.Length; i++)
        {
            var g = groupOf[i];
            if (g == DiffSides.NoGroup || !candidate[g] || (matchOf is not null && matchOf[i] >= 0))
            {
                continue;
            }

            var idom = snapshot.ImmediateDominator((ObjId)i);
            if ((int)idom >= 0 && groupOf[(int)idom] is var above && above != g && above != DiffSides.NoGroup && candidate[above])
            {
                keeps[above]++;
                kept[g] += bindsSelf[above] ? 0 : 1;
            }
        }

        var listed = new bool[candidate.Length];
        for (var g = 0; g < listed.Length; g++)
        {
            listed[g] = candidate[g] && kept[g] * 2 <= counts[g] && !(bindsSelf[g] && keeps[g] * 2 > counts[g]);
        }

        return listed;
    }

    private static bool IsNew(DiffSides sides, int obj) => sides.MatchOfB is not { } match || match[obj] < 0;

    /// <summary>Groups with an object above a new object of a listed group in B's dominator tree: their growth is the listed ones'.</summary>
    private static bool[] Explained(DiffSides sides, bool[] listed, CancellationToken cancellationToken)
    {
        var (b, groupOf) = (sides.B, sides.GroupOfB);
        var explained = new bool[listed.Length];
        var walked = new bool[groupOf.Length];
        for (var i = 0; i < groupOf.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (groupOf[i] == DiffSides.NoGroup || !listed[groupOf[i]] || !IsNew(sides, i))
            {
                continue;
            }

            for (var up = b.ImmediateDominator((ObjId)i); (int)up >= 0 && !walked[(int)up]; up = b.ImmediateDominator(up))
            {
                walked[(int)up] = true;
                if (groupOf[(int)up] != DiffSides.NoGroup)
                {
                    explained[groupOf[(int)up]] = true;
                }
            }
        }

        return explained;
    }
}
