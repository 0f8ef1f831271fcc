using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Which (place, type) groups of a <see cref="DiffSides"/> are accumulation points. A group whose number of objects
/// grew (and, when objects are matched, that has new objects) is one, unless most of its objects in B are kept alive directly (immediate dominator) by objects of another
/// group that grew in number: a new session's dict and strings grow with the sessions, and the sessions say it. A
/// group whose number did not grow is one only when its retained bytes grew by more than a tenth and no object of a
/// group that grew in number lies below it in B's dominator tree (a list that holds more sessions is said by the
/// sessions). Churn (as many objects as before, new ones in place of freed ones) is neither. Objects of a type that
/// cannot have grown have no group (<see cref="DiffSides.NoGroup"/>). O(N) over B: each
/// object's dominator chain is walked up to the first object already walked.
/// </summary>
internal static class GrowthGroups
{
    internal static List<GrowthEntry> Rank(DiffSides sides, CancellationToken cancellationToken)
    {
        var groups = sides.Groups;
        var groupOf = sides.GroupOfB;
        var b = sides.B;
        var grewInNumber = new bool[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            // With objects matched, growth needs new objects: a group that gained only objects A already had (a type
            // object whose nearest path moved because a new module or file object now lies closer) did not grow.
            var x = groups[g];
            grewInNumber[g] = x.CountB > x.CountA && (sides.SurvivedB is null || x.NewB > 0);
        }

        // Objects of a group that grew in number kept alive by one of another such group.
        var inner = new long[groups.Count];
        for (var i = 0; i < groupOf.Length; i++)
        {
            var g = groupOf[i];
            var idom = b.ImmediateDominator((ObjId)i);
            if (g != DiffSides.NoGroup && grewInNumber[g] && (int)idom >= 0 && groupOf[(int)idom] is var above
                && above != g && above != DiffSides.NoGroup && grewInNumber[above])
            {
                inner[g]++;
            }
        }

        var listed = new bool[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            listed[g] = grewInNumber[g] && inner[g] * 2 <= groups[g].CountB;
        }

        var explained = Explained(b, groupOf, listed, cancellationToken);
        var entries = new List<GrowthEntry>();
        for (var g = 0; g < groups.Count; g++)
        {
            var x = groups[g];
            var retainedGrowth = x.CountB <= x.CountA && !explained[g] && x.RetainedB - x.RetainedA > Math.Max(x.RetainedA / 10, 0);
            if (listed[g] || retainedGrowth)
            {
                entries.Add(new GrowthEntry(sides.PathOf(g), sides.TypeNameOf(g), x.CountA, x.CountB, x.RetainedA, x.RetainedB,
                    sides.SurvivedB is null ? null : x.NewB));
            }
        }

        entries.Sort((p, q) => p.RetainedDelta != q.RetainedDelta ? q.RetainedDelta.CompareTo(p.RetainedDelta)
            : p.CountDelta != q.CountDelta ? q.CountDelta.CompareTo(p.CountDelta)
            : string.CompareOrdinal(p.Path.Text, q.Path.Text) is var byPath && byPath != 0 ? byPath
            : string.CompareOrdinal(p.TypeName, q.TypeName));
        return entries;
    }

    /// <summary>Groups with an object above an object of a listed group in B's dominator tree: their growth is the listed ones'.</summary>
    private static bool[] Explained(HeapSnapshot b, int[] groupOf, bool[] listed, CancellationToken cancellationToken)
    {
        var explained = new bool[listed.Length];
        var walked = new bool[groupOf.Length];
        for (var i = 0; i < groupOf.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (groupOf[i] == DiffSides.NoGroup || !listed[groupOf[i]])
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
