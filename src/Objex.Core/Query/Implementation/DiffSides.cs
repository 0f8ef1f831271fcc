using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// The two dumps of a <see cref="HeapDiff"/> put on common terms: types by qualified name, places by normalised-path
/// key, every object's (place, type) group as a dense index (<see cref="GroupOfA"/>, <see cref="GroupOfB"/>: 4 B per
/// object), counts and retained bytes per group and per type in flat arrays, and, unless forced, which objects
/// survived (same address and type in both: 1 B per object). Nothing is allocated per object beyond these arrays
/// and the address map (~30 B per object of A, dropped at the end of <see cref="Build"/>).
/// </summary>
internal sealed class DiffSides
{
    private readonly Dictionary<string, int> _typeIndex = new(StringComparer.Ordinal);
    private readonly List<string> _typeNames = [];
    private readonly Dictionary<string, int> _pathIndex = new(StringComparer.Ordinal);
    private readonly List<NormalisedRootPath> _paths = [];
    private readonly Dictionary<(int Path, int Type), int> _groupIndex = [];

    private DiffSides(HeapSnapshot a, HeapSnapshot b)
    {
        A = a;
        B = b;
        GroupOfA = new int[a.ObjectCount];
        GroupOfB = new int[b.ObjectCount];
    }

    internal HeapSnapshot A { get; }

    internal HeapSnapshot B { get; }

    /// <summary>Each object of A's group.</summary>
    internal int[] GroupOfA { get; }

    /// <summary>Each object of B's group.</summary>
    internal int[] GroupOfB { get; }

    /// <summary>Objects of B at the same address, with the same type, in A; null when forced.</summary>
    internal bool[]? SurvivedB { get; private set; }

    /// <summary>Per group: its place and type, and its tallies in A and B.</summary>
    internal List<GroupTally> Groups { get; } = [];

    private List<TypeTally> Types { get; } = [];

    /// <summary>One (place, type) group: objects and retained bytes (an object kept alive by another of the group adds none) in A and B, new objects in B.</summary>
    internal record struct GroupTally(int Path, int Type, long CountA, long CountB, long RetainedA, long RetainedB, long NewB);

    private record struct TypeTally(long CountA, long CountB, long BytesA, long BytesB, long RetainedA, long RetainedB, long Surviving);

    internal NormalisedRootPath PathOf(int group) => _paths[Groups[group].Path];

    internal string TypeNameOf(int group) => _typeNames[Groups[group].Type];

    internal static DiffSides Build(QuerySession a, QuerySession b, bool matchByAddress, CancellationToken cancellationToken)
    {
        var sides = new DiffSides(a.Snapshot, b.Snapshot);

        // Each object's path node is most of the work (a label read per object not in a list or set): the two
        // sessions are independent, so their paths are computed on two cores.
        var nodesB = Task.Run(() => PathNodes(b, cancellationToken), cancellationToken);
        var nodesA = PathNodes(a, cancellationToken);
        var typesA = sides.TypeIndexes(a);
        var typesB = sides.TypeIndexes(b);
        sides.Assign(a, nodesA, typesA, sides.GroupOfA, isA: true);
        sides.Assign(b, nodesB.GetAwaiter().GetResult(), typesB, sides.GroupOfB, isA: false);
        sides.TallyTypes(a, typesA, isA: true);
        sides.TallyTypes(b, typesB, isA: false);
        if (matchByAddress)
        {
            sides.Match(typesA, typesB, cancellationToken);
        }

        return sides;
    }

    /// <summary>
    /// Every type of both dumps with its instances in each, largest growth of their own bytes first (then of their
    /// number, then by name): retained growth would put every container type above the leak (a module's retained size
    /// holds everything under it).
    /// </summary>
    internal List<TypeDelta> TypeDeltas()
    {
        var matched = SurvivedB is not null;
        var list = new List<TypeDelta>(Types.Count);
        for (var t = 0; t < Types.Count; t++)
        {
            var x = Types[t];
            list.Add(new TypeDelta(
                _typeNames[t], x.CountA, x.CountB, x.BytesA, x.BytesB, x.RetainedA, x.RetainedB,
                matched ? x.CountB - x.Surviving : null, matched ? x.CountA - x.Surviving : null, matched ? x.Surviving : null));
        }

        list.Sort((p, q) => p.BytesDelta != q.BytesDelta ? q.BytesDelta.CompareTo(p.BytesDelta)
            : p.CountDelta != q.CountDelta ? q.CountDelta.CompareTo(p.CountDelta)
            : string.CompareOrdinal(p.TypeName, q.TypeName));
        return list;
    }

    private static int[] PathNodes(QuerySession session, CancellationToken cancellationToken)
    {
        var paths = session.DiffParts.Paths;
        var all = new ObjId[session.ObjectCount];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = (ObjId)i;
        }

        paths.Prepare(all, cancellationToken);
        var nodes = new int[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            nodes[i] = paths.NodeOf((ObjId)i);
        }

        return nodes;
    }

    /// <summary>The common index of each type object of <paramref name="session"/>'s dump, by qualified name.</summary>
    private Dictionary<ObjId, int> TypeIndexes(QuerySession session)
    {
        var snapshot = session.Snapshot;
        var labels = session.DiffParts.Labels;
        var indexes = new Dictionary<ObjId, int>();
        for (var i = 0; i < snapshot.ObjectCount; i++)
        {
            var type = snapshot.TypeOf((ObjId)i);
            if (!indexes.ContainsKey(type))
            {
                var name = labels.QualifiedTypeName(type);
                ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_typeIndex, name, out var exists);
                if (!exists)
                {
                    index = _typeNames.Count;
                    _typeNames.Add(name);
                    Types.Add(default);
                }

                indexes[type] = index;
            }
        }

        return indexes;
    }

    /// <summary>Puts every object of one side in its group and counts it; retained bytes skip an object whose immediate dominator is of its own group.</summary>
    private void Assign(QuerySession session, int[] nodes, Dictionary<ObjId, int> types, int[] groupOf, bool isA)
    {
        var snapshot = session.Snapshot;
        var paths = session.DiffParts.Paths;
        var pathOfNode = new Dictionary<int, int>();
        var lastType = ObjId.None;
        var lastTypeIndex = -1;
        for (var i = 0; i < nodes.Length; i++)
        {
            ref var path = ref CollectionsMarshal.GetValueRefOrAddDefault(pathOfNode, nodes[i], out var known);
            if (!known)
            {
                path = PathIndex(paths.PathOf(nodes[i]), preferThis: !isA);
            }

            var type = snapshot.TypeOf((ObjId)i);
            if (type != lastType)
            {
                (lastType, lastTypeIndex) = (type, types[type]);
            }

            ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groupIndex, (path, lastTypeIndex), out var exists);
            if (!exists)
            {
                group = Groups.Count;
                Groups.Add(new GroupTally(path, lastTypeIndex, 0, 0, 0, 0, 0));
            }

            groupOf[i] = group;
        }

        var tallies = CollectionsMarshal.AsSpan(Groups);
        for (var i = 0; i < nodes.Length; i++)
        {
            var idom = snapshot.ImmediateDominator((ObjId)i);
            var retained = (int)idom >= 0 && groupOf[(int)idom] == groupOf[i] ? 0 : snapshot.RetainedSize((ObjId)i);
            ref var tally = ref tallies[groupOf[i]];
            if (isA)
            {
                tally.CountA++;
                tally.RetainedA += retained;
            }
            else
            {
                tally.CountB++;
                tally.RetainedB += retained;
            }
        }
    }

    /// <summary>The common index of a path by its key; B's record (with B's text) is the one kept when both have it.</summary>
    private int PathIndex(NormalisedRootPath path, bool preferThis)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_pathIndex, path.Key, out var exists);
        if (!exists)
        {
            index = _paths.Count;
            _paths.Add(path);
        }
        else if (preferThis)
        {
            _paths[index] = path;
        }

        return index;
    }

    private void TallyTypes(QuerySession session, Dictionary<ObjId, int> types, bool isA)
    {
        var snapshot = session.Snapshot;
        var tallies = CollectionsMarshal.AsSpan(Types);
        foreach (var total in snapshot.TypeTotals())
        {
            if (!types.TryGetValue(total.Type, out var t))
            {
                continue;
            }

            ref var tally = ref tallies[t];
            if (isA)
            {
                tally.CountA += total.InstanceCount;
                tally.BytesA += total.ShallowBytes;
                tally.RetainedA += total.RetainedBytes;
            }
            else
            {
                tally.CountB += total.InstanceCount;
                tally.BytesB += total.ShallowBytes;
                tally.RetainedB += total.RetainedBytes;
            }
        }
    }

    /// <summary>
    /// Objects at the same address with the same type in both dumps are one object (CPython never moves one; an
    /// address freed and reused by an object of another type is two). Marks B's survivors, counts them per type and
    /// B's new objects per group.
    /// </summary>
    private void Match(Dictionary<ObjId, int> typesA, Dictionary<ObjId, int> typesB, CancellationToken cancellationToken)
    {
        var addressesA = A.Addresses();
        var addressesB = B.Addresses();
        if (addressesA is null || addressesB is null)
        {
            throw new QueryException($"{(addressesA is null ? A.Path : B.Path)}: the dump records no object addresses (a dump by the original objex): --force compares by type and path only");
        }

        var byAddress = new Dictionary<long, int>(addressesA.Length);
        for (var i = 0; i < addressesA.Length; i++)
        {
            byAddress[addressesA[i]] = i;
        }

        var survived = new bool[addressesB.Length];
        var types = CollectionsMarshal.AsSpan(Types);
        var groups = CollectionsMarshal.AsSpan(Groups);
        for (var i = 0; i < addressesB.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var typeB = typesB[B.TypeOf((ObjId)i)];
            if (byAddress.TryGetValue(addressesB[i], out var inA) && typesA[A.TypeOf((ObjId)inA)] == typeB)
            {
                survived[i] = true;
                types[typeB].Surviving++;
            }
            else
            {
                groups[GroupOfB[i]].NewB++;
            }
        }

        SurvivedB = survived;
    }
}
