using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// The two dumps of a <see cref="HeapDiff"/> put on common terms: types by qualified name, places by normalised-path
/// key, and what changed at each (place, type) group, as dense indexes (<see cref="GroupOfA"/>, <see cref="GroupOfB"/>:
/// 4 B per object) and flat tallies. Objects are matched by address and type (4 B per object of B; the address map,
/// ~30 B per object of A, is dropped once matched). Only what changed is given a place (<see cref="NoGroup"/>
/// otherwise): B's new objects, A's freed ones, and objects in both whose retained size changed — an object in both
/// adds as much to its place's count in A as in B, so a place's growth is its new objects minus its freed ones. A
/// path is the expensive part (a label read per step that is not a list index or set member), so a diff of two dumps
/// where little changed names few paths. Under <c>--force</c> nothing is matched: every object of B is new, every one
/// of A freed.
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

    /// <summary>Each object of B's match in A (same address and type), or -1 when it is new; null when forced.</summary>
    internal int[]? MatchOfB { get; private set; }

    /// <summary>Objects of A that B has too; null when forced.</summary>
    private bool[]? SurvivedA { get; set; }

    /// <summary>Per group: its place and type, and its tallies in A and B.</summary>
    internal List<GroupTally> Groups { get; } = [];

    /// <summary>
    /// One (place, type) group: its new objects in B and their retained bytes, its freed objects in A and theirs, and
    /// the change in retained bytes of its objects in both, with what they retained in A (<paramref name="RetainedBase"/>,
    /// with the freed objects': what growth is measured against). An object kept alive by another of the group adds no bytes.
    /// </summary>
    internal record struct GroupTally(int Path, int Type, long New, long Freed, long RetainedNew, long RetainedFreed, long RetainedChange, long RetainedBase)
    {
        internal readonly long RetainedDelta => RetainedNew - RetainedFreed + RetainedChange;
    }

    private record struct TypeTally(long CountA, long CountB, long BytesA, long BytesB, long RetainedA, long RetainedB, long Surviving);

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

        // The two sessions are independent: their paths are computed on two cores.
        var placedB = sides.ChangedInB();
        var placedA = sides.FreedInA();
        var nodesB = Task.Run(() => PathNodes(b, placedB, cancellationToken), cancellationToken);
        var nodesA = PathNodes(a, placedA, cancellationToken);
        sides.Assign(b, placedB, nodesB.GetAwaiter().GetResult(), sides._typesB, sides.GroupOfB);
        sides.Assign(a, placedA, nodesA, sides._typesA, sides.GroupOfA);
        sides.TallyB(placedB);
        sides.TallyA(placedA);
        return sides;
    }

    /// <summary>
    /// Every type of both dumps with its instances in each, largest growth of their own bytes first (then of their
    /// number, then by name): retained growth would put every container type above the leak (a module's retained size
    /// holds everything under it).
    /// </summary>
    internal List<TypeDelta> TypeDeltas()
    {
        var matched = MatchOfB is not null;
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

    /// <summary>B's objects that changed: new ones, and ones in both whose retained size changed (every one when forced).</summary>
    private List<ObjId> ChangedInB()
    {
        var changed = new List<ObjId>();
        for (var i = 0; i < B.ObjectCount; i++)
        {
            var match = MatchOfB is { } m ? m[i] : -1;
            if (match < 0 || B.RetainedSize((ObjId)i) != A.RetainedSize((ObjId)match))
            {
                changed.Add((ObjId)i);
            }
        }

        return changed;
    }

    /// <summary>A's objects that B does not have (every one when forced).</summary>
    private List<ObjId> FreedInA()
    {
        var freed = new List<ObjId>();
        for (var i = 0; i < A.ObjectCount; i++)
        {
            if (SurvivedA is not { } survived || !survived[i])
            {
                freed.Add((ObjId)i);
            }
        }

        return freed;
    }

    /// <summary>The path node of each of <paramref name="objects"/>, in order.</summary>
    private static int[] PathNodes(QuerySession session, List<ObjId> objects, CancellationToken cancellationToken)
    {
        var paths = session.DiffParts.Paths;
        paths.Prepare(objects, cancellationToken);
        var nodes = new int[objects.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = paths.NodeOf(objects[i]);
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

    /// <summary>Puts each of <paramref name="objects"/> (path nodes in <paramref name="nodes"/>) in its group; every other object has none.</summary>
    private void Assign(QuerySession session, List<ObjId> objects, int[] nodes, Dictionary<ObjId, int> types, int[] groupOf)
    {
        var snapshot = session.Snapshot;
        var inB = session == _sessionB;
        var keys = session.DiffParts.Paths.Nodes;
        var pathOfNode = new int[keys.Count];
        Array.Fill(pathOfNode, -1);
        Array.Fill(groupOf, NoGroup);
        var lastType = ObjId.None;
        var lastTypeIndex = -1;
        for (var i = 0; i < objects.Count; i++)
        {
            var node = nodes[i];
            if (pathOfNode[node] < 0)
            {
                pathOfNode[node] = PathIndex(keys.KeyValue(node), node, inB);
            }

            var type = snapshot.TypeOf(objects[i]);
            if (type != lastType)
            {
                (lastType, lastTypeIndex) = (type, types[type]);
            }

            ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groupIndex, (pathOfNode[node], lastTypeIndex), out var exists);
            if (!exists)
            {
                group = Groups.Count;
                Groups.Add(new GroupTally(pathOfNode[node], lastTypeIndex, 0, 0, 0, 0, 0, 0));
            }

            groupOf[(int)objects[i]] = group;
        }
    }

    /// <summary>
    /// Counts B's new objects and the retained change of its others; an object whose immediate dominator is of its own
    /// group adds no bytes (a linked list grown at its tail adds its new nodes once, not once per node above them).
    /// </summary>
    private void TallyB(List<ObjId> objects)
    {
        var tallies = CollectionsMarshal.AsSpan(Groups);
        foreach (var obj in objects)
        {
            var g = GroupOfB[(int)obj];
            var own = !OfGroup(B, GroupOfB, obj, g);
            var match = MatchOfB is { } m ? m[(int)obj] : -1;
            ref var tally = ref tallies[g];
            if (match < 0)
            {
                tally.New++;
                tally.RetainedNew += own ? B.RetainedSize(obj) : 0;
            }
            else if (own)
            {
                tally.RetainedChange += B.RetainedSize(obj) - A.RetainedSize((ObjId)match);
                tally.RetainedBase += A.RetainedSize((ObjId)match);
            }
        }
    }

    /// <summary>Counts A's freed objects and their retained bytes (as <see cref="TallyB"/>).</summary>
    private void TallyA(List<ObjId> objects)
    {
        var tallies = CollectionsMarshal.AsSpan(Groups);
        foreach (var obj in objects)
        {
            var g = GroupOfA[(int)obj];
            ref var tally = ref tallies[g];
            tally.Freed++;
            if (!OfGroup(A, GroupOfA, obj, g))
            {
                tally.RetainedFreed += A.RetainedSize(obj);
                tally.RetainedBase += A.RetainedSize(obj);
            }
        }
    }

    /// <summary>Whether the object's immediate dominator is an object of group <paramref name="group"/>.</summary>
    internal static bool OfGroup(HeapSnapshot snapshot, int[] groupOf, ObjId obj, int group)
    {
        var idom = snapshot.ImmediateDominator(obj);
        return (int)idom >= 0 && groupOf[(int)idom] == group;
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
    /// address freed and reused by an object of another type is two), and with the same size unless the type is a
    /// container that resizes in place: a freed 1,500-byte bytes whose address a new 1,000-byte one took is two objects
    /// (in a target where a cache churned beside a leak, such matches turned 18 of the cache's replaced payloads into
    /// growth). Reused by an object of the same type and size, an address cannot be told from a survivor, unless the type is an immutable value whose value differs (<see cref="UnmatchChangedValues"/>). Fills <see cref="MatchOfB"/> and <see cref="SurvivedA"/> and counts survivors per type.
    /// </summary>
    private void Match(CancellationToken cancellationToken)
    {
        var readB = Task.Run(B.Addresses, cancellationToken);
        var addressesA = A.Addresses();
        var addressesB = readB.GetAwaiter().GetResult();
        if (addressesA is null || addressesB is null)
        {
            throw new QueryException($"{(addressesA is null ? A.Path : B.Path)}: the dump records no object addresses (a dump by the original objex): --force compares by type and path only");
        }

        var byAddress = new Dictionary<long, int>(addressesA.Length);
        for (var i = 0; i < addressesA.Length; i++)
        {
            byAddress[addressesA[i]] = i;
        }

        var resizes = _typeNames.Select(name => name is "list" or "dict" or "set" or "bytearray" or "collections.deque"
            or "collections.OrderedDict" or "collections.defaultdict" or "io.BytesIO" or "io.StringIO").ToArray();
        var valued = _typeNames.Select(name => name is "str" or "bytes" or "int" or "float" or "complex").ToArray();
        var matchedValues = new List<int>();
        var matchOfB = new int[addressesB.Length];
        var survivedA = new bool[addressesA.Length];
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

            if (byAddress.TryGetValue(addressesB[i], out var inA) && _typesA[A.TypeOf((ObjId)inA)] == typeB
                && (resizes[typeB] || A.ShallowSize((ObjId)inA) == B.ShallowSize((ObjId)i)))
            {
                matchOfB[i] = inA;
                survivedA[inA] = true;
                types[typeB].Surviving++;
                if (valued[typeB])
                {
                    matchedValues.Add(i);
                }
            }
            else
            {
                matchOfB[i] = -1;
            }
        }

        UnmatchChangedValues(CollectionsMarshal.AsSpan(matchedValues), matchOfB, survivedA);
        MatchOfB = matchOfB;
        SurvivedA = survivedA;
    }

    /// <summary>
    /// Breaks the matches of immutable values (str, bytes, int, float, complex) whose length or value differs: an
    /// object of those types never changes, so one of the same type and size at a freed one's address with another
    /// value is a new object (a lookup table's replaced entries' ints, whose addresses a growing list's new ints took, were
    /// counted as survivors and their place as growth). <paramref name="idsB"/>: B's matched objects of those types,
    /// ascending. Two flat hash arrays; values are read only for such matches, on two cores.
    /// </summary>
    private void UnmatchChangedValues(ReadOnlySpan<int> idsB, int[] matchOfB, bool[] survivedA)
    {
        var count = idsB.Length;
        var idsA = new int[count];
        var order = new int[count];
        for (var k = 0; k < count; k++)
        {
            (idsA[k], order[k]) = (matchOfB[idsB[k]], k);
        }

        // B's ids are ascending; A's are sorted (order remembers where each came from) so each side is read in id order.
        Array.Sort(idsA, order);
        var readA = Task.Run(() => A.ValueHashes(idsA));
        var hashesB = B.ValueHashes(idsB);
        var hashesA = readA.GetAwaiter().GetResult();
        var types = CollectionsMarshal.AsSpan(_types);
        for (var k = 0; k < count; k++)
        {
            var inB = idsB[order[k]];
            if (hashesA[k] != hashesB[order[k]])
            {
                matchOfB[inB] = -1;
                survivedA[idsA[k]] = false;
                types[_typesB[B.TypeOf((ObjId)inB)]].Surviving--;
            }
        }
    }

    /// <summary>The group a growth entry was made from: its place by key and its type by name.</summary>
    internal int GroupOf(GrowthEntry entry)
    {
        var key = ulong.Parse(entry.Path.Key, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        return _groupIndex[(_pathIndex[key], _typeIndex[entry.TypeName])];
    }
}
