using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// The two dumps of a <see cref="HeapDiff"/> put on common terms: types by qualified name, places by normalised-path
/// key, an object's (place, type) group as a dense index (<see cref="GroupOfA"/>, <see cref="GroupOfB"/>: 4 B per
/// object), counts and retained bytes per group and per type in flat arrays, and, unless forced, which objects
/// survived (same address and type in both: 1 B per object of B; the address map, ~30 B per object of A, is
/// dropped once matched). Only objects of a type that can have grown are given a place (<see cref="NoGroup"/>
/// otherwise): a type with a new instance, or with one whose own size grew (a list that holds more). A path is the
/// expensive part (a label read per step that is not a list index or set member), so a diff of two dumps where
/// little changed names few.
/// </summary>
internal sealed class DiffSides
{
    /// <summary>The group of an object no group counts (its type did not grow).</summary>
    internal const int NoGroup = -1;

    private readonly QuerySession _sessionA;
    private readonly QuerySession _sessionB;
    private readonly Dictionary<string, int> _typeIndex = new(StringComparer.Ordinal);
    private readonly List<string> _typeNames = [];
    private readonly Dictionary<ulong, int> _pathIndex = [];
    private readonly List<(bool InB, int Node)> _pathNodes = [];
    private readonly Dictionary<(int Path, int Type), int> _groupIndex = [];
    private readonly List<TypeTally> _types = [];
    private Dictionary<ObjId, int> _typesA = [];
    private Dictionary<ObjId, int> _typesB = [];

    private DiffSides(QuerySession a, QuerySession b)
    {
        _sessionA = a;
        _sessionB = b;
        GroupOfA = new int[a.ObjectCount];
        GroupOfB = new int[b.ObjectCount];
    }

    internal HeapSnapshot A => _sessionA.Snapshot;

    internal HeapSnapshot B => _sessionB.Snapshot;

    /// <summary>Each object of A's group, or <see cref="NoGroup"/>.</summary>
    internal int[] GroupOfA { get; }

    /// <summary>Each object of B's group, or <see cref="NoGroup"/>.</summary>
    internal int[] GroupOfB { get; }

    /// <summary>Objects of B at the same address, with the same type, in A; null when forced.</summary>
    internal bool[]? SurvivedB { get; private set; }

    /// <summary>Per group: its place and type, and its tallies in A and B.</summary>
    internal List<GroupTally> Groups { get; } = [];

    /// <summary>One (place, type) group: objects and retained bytes (an object kept alive by another of the group adds none) in A and B, new objects in B.</summary>
    internal record struct GroupTally(int Path, int Type, long CountA, long CountB, long RetainedA, long RetainedB, long NewB);

    private record struct TypeTally(long CountA, long CountB, long BytesA, long BytesB, long RetainedA, long RetainedB, long Surviving, bool MayHaveGrown);

    /// <summary>The group's place, as B names it when B has it.</summary>
    internal NormalisedRootPath PathOf(int group)
    {
        var (inB, node) = _pathNodes[Groups[group].Path];
        var paths = (inB ? _sessionB : _sessionA).DiffParts.Paths;
        return paths.PathOf(node);
    }

    internal string TypeNameOf(int group) => _typeNames[Groups[group].Type];

    internal static DiffSides Build(QuerySession a, QuerySession b, bool matchByAddress, CancellationToken cancellationToken)
    {
        var sides = new DiffSides(a, b);
        sides._typesA = sides.TypeIndexes(a);
        sides._typesB = sides.TypeIndexes(b);
        sides.TallyTypes(a, sides._typesA, isA: true);
        sides.TallyTypes(b, sides._typesB, isA: false);
        if (matchByAddress)
        {
            sides.Match(cancellationToken);
        }
        else
        {
            foreach (ref var type in CollectionsMarshal.AsSpan(sides._types))
            {
                type.MayHaveGrown = true;
            }
        }

        // The two sessions are independent: their paths are computed on two cores.
        var nodesB = Task.Run(() => sides.PathNodes(b, sides._typesB, cancellationToken), cancellationToken);
        var nodesA = sides.PathNodes(a, sides._typesA, cancellationToken);
        sides.Assign(a, nodesA, sides._typesA, sides.GroupOfA, isA: true);
        sides.Assign(b, nodesB.GetAwaiter().GetResult(), sides._typesB, sides.GroupOfB, isA: false);
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
        var list = new List<TypeDelta>(_types.Count);
        for (var t = 0; t < _types.Count; t++)
        {
            var x = _types[t];
            list.Add(new TypeDelta(
                _typeNames[t], x.CountA, x.CountB, x.BytesA, x.BytesB, x.RetainedA, x.RetainedB,
                matched ? x.CountB - x.Surviving : null, matched ? x.CountA - x.Surviving : null, matched ? x.Surviving : null));
        }

        list.Sort((p, q) => p.BytesDelta != q.BytesDelta ? q.BytesDelta.CompareTo(p.BytesDelta)
            : p.CountDelta != q.CountDelta ? q.CountDelta.CompareTo(p.CountDelta)
            : string.CompareOrdinal(p.TypeName, q.TypeName));
        return list;
    }

    /// <summary>The path node of every object of a type that may have grown (-1 for the others).</summary>
    private int[] PathNodes(QuerySession session, Dictionary<ObjId, int> types, CancellationToken cancellationToken)
    {
        var snapshot = session.Snapshot;
        var paths = session.DiffParts.Paths;
        var wanted = new List<ObjId>();
        for (var i = 0; i < snapshot.ObjectCount; i++)
        {
            if (_types[types[snapshot.TypeOf((ObjId)i)]].MayHaveGrown)
            {
                wanted.Add((ObjId)i);
            }
        }

        paths.Prepare(wanted, cancellationToken);
        var nodes = new int[snapshot.ObjectCount];
        Array.Fill(nodes, -1);
        foreach (var obj in wanted)
        {
            nodes[(int)obj] = paths.NodeOf(obj);
        }

        return nodes;
    }

    /// <summary>The common index of each type object of <paramref name="session"/>'s dump, by qualified name.</summary>
    private Dictionary<ObjId, int> TypeIndexes(QuerySession session)
    {
        var snapshot = session.Snapshot;
        var labels = session.DiffParts.Labels;
        var indexes = new Dictionary<ObjId, int>();
        var last = ObjId.None;
        for (var i = 0; i < snapshot.ObjectCount; i++)
        {
            var type = snapshot.TypeOf((ObjId)i);
            if (type == last || indexes.ContainsKey(type))
            {
                continue;
            }

            last = type;
            var name = labels.QualifiedTypeName(type);
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_typeIndex, name, out var exists);
            if (!exists)
            {
                index = _typeNames.Count;
                _typeNames.Add(name);
                _types.Add(default);
            }

            indexes[type] = index;
        }

        return indexes;
    }

    /// <summary>
    /// Puts every object with a path node in its group and counts it; retained bytes skip an object whose immediate
    /// dominator is of its own group (a linked list's nodes count once, by its head).
    /// </summary>
    private void Assign(QuerySession session, int[] nodes, Dictionary<ObjId, int> types, int[] groupOf, bool isA)
    {
        var snapshot = session.Snapshot;
        var keys = session.DiffParts.Paths.Nodes;
        var pathOfNode = new int[keys.Count];
        Array.Fill(pathOfNode, -1);
        var lastType = ObjId.None;
        var lastTypeIndex = -1;
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            if (node < 0)
            {
                groupOf[i] = NoGroup;
                continue;
            }

            if (pathOfNode[node] < 0)
            {
                pathOfNode[node] = PathIndex(keys.KeyValue(node), node, inB: !isA);
            }

            var type = snapshot.TypeOf((ObjId)i);
            if (type != lastType)
            {
                (lastType, lastTypeIndex) = (type, types[type]);
            }

            ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groupIndex, (pathOfNode[node], lastTypeIndex), out var exists);
            if (!exists)
            {
                group = Groups.Count;
                Groups.Add(new GroupTally(pathOfNode[node], lastTypeIndex, 0, 0, 0, 0, 0));
            }

            groupOf[i] = group;
        }

        var tallies = CollectionsMarshal.AsSpan(Groups);
        for (var i = 0; i < nodes.Length; i++)
        {
            var g = groupOf[i];
            if (g == NoGroup)
            {
                continue;
            }

            var idom = snapshot.ImmediateDominator((ObjId)i);
            var retained = (int)idom >= 0 && groupOf[(int)idom] == g ? 0 : snapshot.RetainedSize((ObjId)i);
            ref var tally = ref tallies[g];
            if (isA)
            {
                tally.CountA++;
                tally.RetainedA += retained;
            }
            else
            {
                tally.CountB++;
                tally.RetainedB += retained;
                tally.NewB += SurvivedB is { } survived && !survived[i] ? 1 : 0;
            }
        }
    }

    /// <summary>The common index of a path by its key; B's node (with B's text) is the one kept when both have it.</summary>
    private int PathIndex(ulong key, int node, bool inB)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_pathIndex, key, out var exists);
        if (!exists)
        {
            index = _pathNodes.Count;
            _pathNodes.Add((inB, node));
        }
        else if (inB)
        {
            _pathNodes[index] = (inB, node);
        }

        return index;
    }

    private void TallyTypes(QuerySession session, Dictionary<ObjId, int> types, bool isA)
    {
        var tallies = CollectionsMarshal.AsSpan(_types);
        foreach (var total in session.Snapshot.TypeTotals())
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
    /// address freed and reused by an object of another type is two; reused by one of the same type, it cannot be
    /// told from a survivor). Marks B's survivors and counts them per type; a type with a new instance, or a survivor
    /// grown in its own size, may have grown.
    /// </summary>
    private void Match(CancellationToken cancellationToken)
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
        var types = CollectionsMarshal.AsSpan(_types);
        var lastType = ObjId.None;
        var typeB = -1;
        for (var i = 0; i < addressesB.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (B.TypeOf((ObjId)i) != lastType)
            {
                lastType = B.TypeOf((ObjId)i);
                typeB = _typesB[lastType];
            }

            if (byAddress.TryGetValue(addressesB[i], out var inA) && _typesA[A.TypeOf((ObjId)inA)] == typeB)
            {
                survived[i] = true;
                types[typeB].Surviving++;
                types[typeB].MayHaveGrown |= B.ShallowSize((ObjId)i) > A.ShallowSize((ObjId)inA);
            }
            else
            {
                types[typeB].MayHaveGrown = true;
            }
        }

        SurvivedB = survived;
    }
}
