using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Where a diff's new objects were allocated, when B has allocation sites: each growth entry's new objects by site
/// (<see cref="GrowthEntry.AllocatedAt"/>), and all of B's new objects by site (<see cref="HeapDiff.Sites"/>). One pass
/// over B's objects, one <see cref="SiteTally"/> per growth entry; under <c>--force</c> every object of B is new.
/// </summary>
internal static class GrowthSites
{
    internal static List<SiteTotal>? Attach(DiffSides sides, List<GrowthEntry> growth, CancellationToken cancellationToken)
    {
        var b = sides.B;
        if (!b.HasSites)
        {
            return null;
        }

        var siteOf = b.SiteIds(cancellationToken);
        var entryOfGroup = new Dictionary<int, int>(growth.Count);
        var tallies = new SiteTally[growth.Count];
        for (var e = 0; e < growth.Count; e++)
        {
            entryOfGroup[sides.GroupOf(growth[e])] = e;
            tallies[e] = new SiteTally(b);
        }

        var all = new SiteTally(b);
        var (groupOf, match) = (sides.GroupOfB, sides.MatchOfB);
        for (var i = 0; i < groupOf.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (match is not null && match[i] >= 0)
            {
                continue;
            }

            all.Add((ObjId)i, siteOf[i]);
            if (groupOf[i] != DiffSides.NoGroup && entryOfGroup.TryGetValue(groupOf[i], out var entry))
            {
                tallies[entry].Add((ObjId)i, siteOf[i]);
            }
        }

        for (var e = 0; e < growth.Count; e++)
        {
            growth[e] = growth[e] with { AllocatedAt = tallies[e].Breakdown() };
        }

        return all.Top(int.MaxValue);
    }
}
