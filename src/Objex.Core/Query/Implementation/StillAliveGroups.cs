using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// memlab's three-snapshot method on two <see cref="DiffSides"/> (A→B and B→C): C's objects whose match in B is new
/// in B, grouped by (C's normalised path, type). An object kept alive by another of its group adds no retained bytes,
/// and a group most of whose objects are kept alive directly by objects of another group is left out (their holder
/// says it), as <see cref="GrowthGroups.Listed"/> decides for growth. O(N) over C, plus the paths of the objects found (4 B per object of C).
/// </summary>
internal static class StillAliveGroups
{
    internal static List<StillAliveGroup> Rank(DiffSides ab, DiffSides bc, QuerySession c, CancellationToken cancellationToken)
    {
        var (newInB, matchOfC) = (ab.MatchOfB!, bc.MatchOfB!);
        var snapshot = c.Snapshot;
        var objects = new List<ObjId>();
        for (var i = 0; i < matchOfC.Length; i++)
        {
            if (matchOfC[i] is var inB && inB >= 0 && newInB[inB] < 0)
            {
                objects.Add((ObjId)i);
            }
        }

        var (paths, labels) = c.DiffParts;
        paths.Prepare(objects, cancellationToken);
        var groupOf = new int[snapshot.ObjectCount];
        Array.Fill(groupOf, DiffSides.NoGroup);
        var index = new Dictionary<(int Node, ObjId Type), int>();
        var keys = new List<(int Node, ObjId Type)>();
        foreach (var obj in objects)
        {
            ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(index, (paths.NodeOf(obj), snapshot.TypeOf(obj)), out var exists);
            if (!exists)
            {
                group = keys.Count;
                keys.Add((paths.NodeOf(obj), snapshot.TypeOf(obj)));
            }

            groupOf[(int)obj] = group;
        }

        var (counts, retained) = (new long[keys.Count], new long[keys.Count]);
        foreach (var obj in objects)
        {
            var g = groupOf[(int)obj];
            counts[g]++;
            retained[g] += DiffSides.OfGroup(snapshot, groupOf, obj, g) ? 0 : snapshot.RetainedSize(obj);
        }

        var every = new bool[keys.Count];
        Array.Fill(every, true);
        var bindsSelf = new bool[keys.Count];
        for (var g = 0; g < keys.Count; g++)
        {
            bindsSelf[g] = GrowthGroups.BindsSelf(labels.QualifiedTypeName(keys[g].Type));
        }

        var listed = GrowthGroups.Listed(snapshot, groupOf, every, bindsSelf, counts, matchOf: null);
        var list = new List<StillAliveGroup>();
        for (var g = 0; g < keys.Count; g++)
        {
            if (listed[g])
            {
                list.Add(new StillAliveGroup(paths.PathOf(keys[g].Node), labels.QualifiedTypeName(keys[g].Type), counts[g], retained[g]));
            }
        }

        list.Sort((p, q) => p.RetainedBytes != q.RetainedBytes ? q.RetainedBytes.CompareTo(p.RetainedBytes)
            : p.Objects != q.Objects ? q.Objects.CompareTo(p.Objects)
            : string.CompareOrdinal(p.Path.Text, q.Path.Text) is var byPath && byPath != 0 ? byPath
            : string.CompareOrdinal(p.TypeName, q.TypeName));
        return list;
    }
}
