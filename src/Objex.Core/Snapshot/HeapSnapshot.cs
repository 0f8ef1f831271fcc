using Microsoft.Data.Sqlite;
using Objex.Dump;
using Objex.Graph;

namespace Objex.Snapshot;

/// <summary>
/// The in-memory view of an analysis database that the explorer (REPL and web) works on.
/// Graph facts (adjacency, root-path trees, dominators, sizes) are flat arrays loaded with one
/// query each; per-object details, labels and names are read from SQLite on demand.
/// Thread-safe for readers: array accessors are lock-free, SQLite lookups are serialised.
/// </summary>
/// <remarks>Memory: about 49 B per object and 17 B per edge once open.</remarks>
public sealed partial class HeapSnapshot : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _sqlGate = new();
    private readonly int[] _fwdOffsets;
    private readonly int[] _fwdTargets;
    private readonly byte[] _edgeKind;
    private readonly int[] _edgeRowId;
    private readonly int[] _edgeSource;
    private readonly int[] _revOffsets;
    private readonly int[] _revEdges;
    private readonly int[] _objType;
    private readonly long[] _objSize;
    private readonly byte[] _objKind;
    private readonly int[] _idom;
    private readonly long[] _retained;
    private readonly long[] _virtualRetained;
    private readonly int[] _unseenRefs;
    private readonly Task<(int[] Offsets, int[] Children)> _dominatorChildren;
    private ObjId[]? _superRootChildren;

    private HeapSnapshot(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _fwdOffsets = GraphArrayStore.Read<int>(connection, GraphArrayNames.FwdOffsets);
        ObjectCount = _fwdOffsets.Length - 1;
        _fwdTargets = GraphArrayStore.Read<int>(connection, GraphArrayNames.FwdTargets);
        EdgeCount = _fwdTargets.Length;
        AnalysisArrayCheck.Adjacency(_fwdOffsets, _fwdTargets);

        // The derived adjacency (edge sources, reverse CSR) is built on a second core while the
        // remaining arrays are read.
        var derived = Task.Run(() => (CsrBuilder.EdgeSources(_fwdOffsets, ObjectCount), CsrBuilder.Reverse(_fwdTargets, ObjectCount)));
        _edgeKind = GraphArrayStore.Read<byte>(connection, GraphArrayNames.EdgeKind);
        _edgeRowId = GraphArrayStore.Read<int>(connection, GraphArrayNames.EdgeRowId);
        _objType = GraphArrayStore.Read<int>(connection, GraphArrayNames.ObjType);
        _objSize = GraphArrayStore.Read<long>(connection, GraphArrayNames.ObjSize);
        _objKind = GraphArrayStore.Read<byte>(connection, GraphArrayNames.ObjKind);
        _idom = GraphArrayStore.Read<int>(connection, GraphArrayNames.Idom);

        // Every face asks for dominator children at once (the REPL's banner totals the buckets, the web's start page
        // and `suspects` walk the tree's top), so they are grouped on the second core while the rest is read: 0.3 s
        // of CPU at 10 M objects that no longer follows the opening.
        var idom = _idom;
        _dominatorChildren = Task.Run(() => GroupDominatorChildren(idom, ObjectCount));
        _retained = GraphArrayStore.Read<long>(connection, GraphArrayNames.Retained);
        _virtualRetained = GraphArrayStore.Read<long>(connection, GraphArrayNames.VirtualRetained);
        _unseenRefs = GraphArrayStore.Read<int>(connection, GraphArrayNames.UnseenRefs);
        if (_virtualRetained.Length != VirtualNodes.Count || _unseenRefs.Length != ObjectCount)
        {
            throw new InvalidDataException($"{GraphArrayNames.VirtualRetained} or {GraphArrayNames.UnseenRefs} has the wrong length");
        }

        AnalysisArrayCheck.Facts(ObjectCount, EdgeCount, _edgeKind, _edgeRowId, _objType, _objSize, _objKind);
        AnalysisArrayCheck.Dominators(_idom, _retained);

        var moduleParent = GraphArrayStore.Read<int>(connection, GraphArrayNames.ModuleParentEdge);
        var moduleDistance = GraphArrayStore.Read<int>(connection, GraphArrayNames.ModuleDistance);
        var frameParent = GraphArrayStore.Read<int>(connection, GraphArrayNames.FrameParentEdge);
        var frameDistance = GraphArrayStore.Read<int>(connection, GraphArrayNames.FrameDistance);
        (_edgeSource, (_revOffsets, _revEdges)) = derived.GetAwaiter().GetResult();
        AnalysisArrayCheck.Tree(ObjectCount, GraphArrayNames.ModuleParentEdge, GraphArrayNames.ModuleDistance, moduleParent, moduleDistance, _edgeSource, _fwdTargets);
        AnalysisArrayCheck.Tree(ObjectCount, GraphArrayNames.FrameParentEdge, GraphArrayNames.FrameDistance, frameParent, frameDistance, _edgeSource, _fwdTargets);
        ModuleTree = new RootTree(moduleParent, moduleDistance, _edgeSource);
        FrameTree = new RootTree(frameParent, frameDistance, _edgeSource);
        Meta = ReadMeta();
        Modules = ReadModules();
        Threads = ReadThreads();
    }

    /// <summary>The analysis database's path, as given to <see cref="Open"/>.</summary>
    public string Path { get; }

    /// <summary>Facts about the dumped process and the dump.</summary>
    public DumpMeta Meta { get; }

    /// <summary>N: objects are <c>(ObjId)0 .. (ObjId)(N-1)</c>.</summary>
    public int ObjectCount { get; }

    /// <summary>E: edges are <c>(EdgeId)0 .. (EdgeId)(E-1)</c> (dangling references excluded).</summary>
    public int EdgeCount { get; }

    /// <summary>Shortest paths from modules (multi-source BFS over strong path references).</summary>
    public RootTree ModuleTree { get; }

    /// <summary>Shortest paths from thread stacks and other live frames.</summary>
    public RootTree FrameTree { get; }

    /// <summary>Every module object, ordered by name.</summary>
    public IReadOnlyList<ModuleInfo> Modules { get; }

    /// <summary>Threads alive at dump time.</summary>
    public IReadOnlyList<ThreadInfo> Threads { get; }

    /// <summary>
    /// Opens an analysis database made by make-analysis-db. Throws <see cref="ObjexFileException"/>
    /// (one-line message naming the file) when it is missing, not SQLite, not an analysis
    /// database or corrupt, and <see cref="DumpNotAnalyzedException"/> when it is a dump.
    /// </summary>
    public static HeapSnapshot Open(string analysisDbPath)
    {
        SqliteFileProbe.RequireSqliteFile(analysisDbPath);
        SqliteConnection? connection = null;
        try
        {
            connection = OpenReadOnly(analysisDbPath);
            var tables = SqliteFileProbe.TableNames(connection, analysisDbPath);
            if (!tables.Contains("graph_array"))
            {
                if (tables.Contains("object") && tables.Contains("reference"))
                {
                    throw new DumpNotAnalyzedException(analysisDbPath);
                }

                throw new ObjexFileException(analysisDbPath, "SQLite, but not an objex analysis database (no graph_array table)");
            }

            var version = ReadAnalysisVersion(connection);
            if (version != ObjexVersion.AnalysisFormat)
            {
                throw new ObjexFileException(
                    analysisDbPath,
                    $"analysis format {version}, this objex reads format {ObjexVersion.AnalysisFormat}: run make-analysis-db again");
            }

            var snapshot = new HeapSnapshot(analysisDbPath, connection);
            connection = null;
            return snapshot;
        }
        catch (SqliteException e)
        {
            throw SqliteFileProbe.Corrupt(analysisDbPath, e);
        }
        catch (InvalidDataException e)
        {
            throw new ObjexFileException(analysisDbPath, $"damaged analysis database ({e.Message})", e);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>The type object of <paramref name="obj"/>.</summary>
    public ObjId TypeOf(ObjId obj) => (ObjId)_objType[(int)obj];

    /// <summary>Shallow size in bytes.</summary>
    public long ShallowSize(ObjId obj) => _objSize[(int)obj];

    /// <summary>What kind of object it is (type, module, frame, function, code, other).</summary>
    public ObjKind KindOf(ObjId obj) => (ObjKind)_objKind[(int)obj];

    /// <summary>True for 0 ≤ id &lt; N.</summary>
    public bool IsObject(ObjId obj) => (uint)obj < (uint)ObjectCount;

    /// <summary>Outgoing edges of <paramref name="obj"/> (a contiguous range of edge ids).</summary>
    public EdgeRange OutEdges(ObjId obj) => new(_fwdOffsets[(int)obj], _fwdOffsets[(int)obj + 1]);

    /// <summary>Targets of the outgoing edges, in the same order as <see cref="OutEdges"/>.</summary>
    public ReadOnlySpan<ObjId> OutTargets(ObjId obj) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<int, ObjId>(
            _fwdTargets.AsSpan(_fwdOffsets[(int)obj], _fwdOffsets[(int)obj + 1] - _fwdOffsets[(int)obj]));

    /// <summary>Incoming edges of <paramref name="obj"/> (edge ids, ascending).</summary>
    public ReadOnlySpan<EdgeId> InEdges(ObjId obj) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<int, EdgeId>(
            _revEdges.AsSpan(_revOffsets[(int)obj], _revOffsets[(int)obj + 1] - _revOffsets[(int)obj]));

    /// <summary>The referrer of <paramref name="edge"/>.</summary>
    public ObjId EdgeSource(EdgeId edge) => (ObjId)_edgeSource[(int)edge];

    /// <summary>The referent of <paramref name="edge"/>.</summary>
    public ObjId EdgeTarget(EdgeId edge) => (ObjId)_fwdTargets[(int)edge];

    /// <summary>Whether <paramref name="edge"/> retains and may be on a root path.</summary>
    public EdgeKind KindOf(EdgeId edge) => (EdgeKind)_edgeKind[(int)edge];

    /// <summary>`reference.rowid` of <paramref name="edge"/> in analysis.db.</summary>
    public long EdgeRowId(EdgeId edge) => _edgeRowId[(int)edge];

    /// <summary>
    /// References the object's refcount counts that the dump could not see (refcount minus the references found
    /// pointing at it): held from C code. 0 for immortal objects and in the original objex's dumps.
    /// </summary>
    public int UnseenReferences(ObjId obj) => _unseenRefs[(int)obj];

    /// <summary>Immediate dominator: an object or a virtual node (<see cref="ObjId.ModulesRoot"/> …); <see cref="ObjId.None"/> for the super-root.</summary>
    public ObjId ImmediateDominator(ObjId node) => node switch
    {
        ObjId.SuperRoot => ObjId.None,
        _ when VirtualNodes.IsBucket(node) => ObjId.SuperRoot,
        _ => (ObjId)_idom[(int)node],
    };

    /// <summary>Bytes freed if <paramref name="node"/> were freed: its size plus all it dominates. Accepts virtual nodes.</summary>
    public long RetainedSize(ObjId node) => (int)node >= 0 ? _retained[(int)node] : _virtualRetained[VirtualNodes.Index(node)];

    /// <summary>Children of <paramref name="node"/> in the dominator tree (objects it immediately dominates). Accepts virtual nodes.</summary>
    public ReadOnlySpan<ObjId> DominatedChildren(ObjId node)
    {
        var (offsets, children) = DominatorChildren();
        var slot = DominatorSlot(node);
        var span = System.Runtime.InteropServices.MemoryMarshal.Cast<int, ObjId>(
            children.AsSpan(offsets[slot], offsets[slot + 1] - offsets[slot]));
        if (node != ObjId.SuperRoot)
        {
            return span;
        }

        // The super-root's children: the four buckets, then the objects reached from more than
        // one kind of root (a module's value that a frame also holds), which only it dominates.
        return _superRootChildren ??= [.. VirtualNodes.Buckets, .. span];
    }

    /// <summary>Releases the SQLite connection.</summary>
    public void Dispose() => _connection.Dispose();

    // Dominator children are grouped by counting sort over idom, with the virtual nodes mapped to slots N..N+4.
    private int DominatorSlot(ObjId node) => (int)node >= 0 ? (int)node : ObjectCount + VirtualNodes.Index(node);

    private (int[] Offsets, int[] Children) DominatorChildren() => _dominatorChildren.GetAwaiter().GetResult();

    /// <summary>
    /// Children of every dominator-tree node, ascending, as CSR: a counting sort over idom that counts into each slot's
    /// end and fills backwards, so it needs no key array and no cursor copy (<see cref="Graph.CsrBuilder.Group"/> needs
    /// both: 80 MB and two more passes at 10 M objects). O(N), 4 B per object + 4 B per slot.
    /// </summary>
    private static (int[] Offsets, int[] Children) GroupDominatorChildren(int[] idom, int objectCount)
    {
        var offsets = new int[objectCount + VirtualNodes.Count + 1];
        foreach (var dominator in idom)
        {
            offsets[Slot(dominator)]++;
        }

        // offsets[s] becomes the end of slot s; filling backwards leaves it at the slot's start, offsets[last] at N.
        for (var slot = 1; slot < offsets.Length; slot++)
        {
            offsets[slot] += offsets[slot - 1];
        }

        var children = GC.AllocateUninitializedArray<int>(idom.Length);
        for (var i = idom.Length - 1; i >= 0; i--)
        {
            children[--offsets[Slot(idom[i])]] = i;
        }

        return (offsets, children);

        int Slot(int node) => node >= 0 ? node : objectCount + VirtualNodes.Index((ObjId)node);
    }
}
