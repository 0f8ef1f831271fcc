using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// The one query layer both faces ask (the REPL and the web API): labels, in/out references, root paths,
/// top lists, retained sizes and dominator chains, stacks and threads, type search, read-only SQL,
/// go-target resolution and marks, over one analysis database.
/// Answers come from the in-memory <see cref="HeapSnapshot"/> that make-analysis-db precomputed; the faces
/// only format them. Not thread-safe (it reuses search scratch): a web face serialises calls to one session.
/// </summary>
public sealed partial class QuerySession : IDisposable
{
    /// <summary>How many references <c>in</c>/<c>out</c> list by default (the original listed 20).</summary>
    public const int DefaultListLimit = 20;

    /// <summary>How many distinct modules or frames the root-path sections list at most.</summary>
    public const int DefaultRootLimit = 20;

    /// <summary>How many dominators <see cref="Retained"/> lists whole; a longer chain (a linked list has one per node) shows half as many at each end.</summary>
    public const int MaxChainLength = 50;

    private const int MaxStackDepth = 10_000;

    private readonly HeapSnapshot _snapshot;
    private readonly bool _ownsSnapshot;
    private readonly Labeler _labeler;
    private readonly EdgeText _edgeText;
    private readonly AttributeView _attributes;
    private readonly SessionSql _sql;
    private readonly TargetResolver _resolver;
    private readonly VisitStamps _stamps;
    private readonly Mro _mro;
    private readonly TypeFinder _types;
    private readonly TypeInstanceIndex _instances;
    private readonly ClosureSteps _closures;
    private readonly PathRenderer _paths;
    private readonly RankingCache<RankedList> _rankings = new();
    private readonly DominatorAncestors _dominatorAncestors;
    private int _rootSearchBudget = RootPathSearch.DefaultNodeBudget;

    /// <summary>The rankings <see cref="_rankings"/> keeps (the types ranking is read from the analysis's type table).</summary>
    private enum RankedList
    {
        Size,
        Referenced,
        Retained,
        RetainedContainers,
        TopLevel,
    }

    /// <summary>Wraps an open snapshot; the session disposes it only when <paramref name="ownsSnapshot"/> is true.</summary>
    public QuerySession(HeapSnapshot snapshot, bool ownsSnapshot = false)
    {
        _snapshot = snapshot;
        _ownsSnapshot = ownsSnapshot;
        _labeler = new Labeler(snapshot);
        _edgeText = new EdgeText(snapshot, _labeler);
        _attributes = new AttributeView(snapshot, _labeler);
        _sql = new SessionSql(snapshot);
        _resolver = new TargetResolver(snapshot, _labeler, _sql);
        _stamps = new VisitStamps(snapshot.ObjectCount);
        _instances = new TypeInstanceIndex(snapshot);
        _mro = new Mro(_sql.Bases);
        _types = new TypeFinder(snapshot, _labeler);
        _closures = new ClosureSteps(snapshot);
        _paths = new PathRenderer(snapshot, _edgeText, _attributes, _closures);
        _dominatorAncestors = new DominatorAncestors(snapshot);
    }

    /// <summary>Opens an analysis database (read-only; marks are the only write, to its object_mark table).</summary>
    /// <exception cref="ObjexFileException">Missing, not SQLite, a dump (<see cref="DumpNotAnalyzedException"/>), damaged, or another format version.</exception>
    public static QuerySession Open(string analysisDbPath) => new(HeapSnapshot.Open(analysisDbPath), ownsSnapshot: true);

    /// <summary>The snapshot the answers come from.</summary>
    public HeapSnapshot Snapshot => _snapshot;

    /// <summary>Banner facts: dump name, host, time, RSS, bytes and objects found.</summary>
    public SessionInfo Info
    {
        get
        {
            var meta = _snapshot.Meta;
            return new SessionInfo(
                meta.SourceDumpFile,
                meta.Hostname,
                meta.Timestamp,
                RssFigure(meta) / 1024.0 / 1024.0,
                meta.TotalShallowBytes,
                _snapshot.ObjectCount,
                meta.ReferenceCount);
        }
    }

    /// <summary>
    /// The one RSS figure the REPL's banner and the web page both show: the peak (what the original objex showed),
    /// else the RSS when the dump started; 0 when neither was recorded.
    /// </summary>
    public static long RssFigure(DumpMeta meta) => meta.PeakRssBytes ?? meta.RssBytes ?? 0;

    /// <summary>
    /// Objects a module or frame path search visits before it stops looking for more roots (default 400,000);
    /// the nearest root's path is precomputed, so it is found whatever the budget.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int RootSearchBudget
    {
        get => _rootSearchBudget;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _rootSearchBudget = value;
        }
    }

    /// <summary>Number of objects (ids are 0..ObjectCount-1).</summary>
    public int ObjectCount => _snapshot.ObjectCount;

    /// <summary>The object's label and facts.</summary>
    /// <exception cref="QueryException">No object has that id.</exception>
    public ObjectSummary Summarize(ObjId id) => _labeler.Summarize(id);

    /// <summary>The object's type object.</summary>
    public ObjectSummary TypeOf(ObjId id)
    {
        _labeler.RequireObject(id);
        return Summarize(_snapshot.TypeOf(id));
    }

    /// <summary>Who refers to the object (<c>in</c>): total count and the first <paramref name="limit"/> rows.</summary>
    /// <remarks><paramref name="offset"/> skips that many first rows (the web UI's pages) without rendering them.</remarks>
    public ReferenceList Referrers(ObjId id, int limit = DefaultListLimit, int offset = 0)
    {
        _labeler.RequireObject(id);
        var edges = _snapshot.InEdges(id);
        var rows = new List<ReferenceRow>(Math.Clamp(edges.Length - offset, 0, limit));
        for (var i = offset; i < edges.Length && i < offset + limit; i++)
        {
            rows.Add(ReferrerRow(edges[i]));
        }

        return new ReferenceList(edges.Length, rows);
    }

    /// <summary>What the object refers to (<c>out</c>): total count and the first <paramref name="limit"/> rows.</summary>
    /// <remarks><paramref name="offset"/> skips that many first rows (the web UI's pages) without rendering them.</remarks>
    public ReferenceList Referents(ObjId id, int limit = DefaultListLimit, int offset = 0)
    {
        _labeler.RequireObject(id);
        var edges = _snapshot.OutEdges(id);
        var rows = new List<ReferenceRow>(Math.Clamp(edges.Count - offset, 0, limit));
        for (var i = offset; i < edges.Count && i < offset + limit; i++)
        {
            rows.Add(Row(edges[i], _snapshot.EdgeTarget(edges[i])));
        }

        return new ReferenceList(edges.Count, rows);
    }

    /// <summary>For a type object its bases, the rest of its MRO, subtypes and first instances; null for other objects.</summary>
    public TypeRelations? TypeRelationsOf(ObjId id, int instanceLimit = DefaultListLimit)
    {
        var type = id;
        _labeler.RequireObject(type);
        if (_snapshot.KindOf(type) != ObjKind.Type)
        {
            return null;
        }

        var bases = _sql.Bases(type);
        var mro = _mro.Of(type);
        var otherMro = mro.Count > bases.Count + 1 ? mro.Skip(bases.Count + 1) : [];
        var instances = new List<ObjectSummary>();
        long instanceCount = 0;
        for (var obj = 0; obj < _snapshot.ObjectCount; obj++)
        {
            if (_snapshot.TypeOf((ObjId)obj) == type && instanceCount++ < instanceLimit)
            {
                instances.Add(Summarize((ObjId)obj));
            }
        }

        return new TypeRelations(
            Summaries(bases),
            Summaries(otherMro),
            Summaries(_sql.Subtypes(type)),
            instanceCount,
            instances);
    }

    /// <summary>One page of a type's instances, largest retained first (ties by id); the ranking of recent types is kept.</summary>
    /// <exception cref="QueryException">The object is not a type.</exception>
    public InstancePage InstancesByRetained(ObjId typeId, int offset, int limit, CancellationToken cancellationToken = default)
    {
        var type = typeId;
        _labeler.RequireObject(type);
        if (_snapshot.KindOf(type) != ObjKind.Type)
        {
            throw new QueryException($"{_labeler.Label(type)} is not a type");
        }

        var ranked = _instances.Ranked(type, cancellationToken);
        var rows = new ObjectSummary[Math.Clamp(ranked.Length - offset, 0, limit)];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Summarize(ranked[offset + i]);
        }

        return new InstancePage(ranked.Length, rows);
    }

    /// <summary>The object's referrers counted by their type, most first (ties by type id).</summary>
    public ReferrerTypeCounts ReferrerTypesOf(ObjId id)
    {
        _labeler.RequireObject(id);
        return ReferrerTypes.Of(_snapshot, _labeler, id);
    }

    /// <summary>
    /// Shortest strong-reference paths from up to <paramref name="maxRoots"/> distinct modules to the object
    /// (bounded reverse breadth-first search; see <see cref="RootPathSet.Complete"/>).
    /// </summary>
    public RootPathSet ModulePaths(ObjId id, int maxRoots = DefaultRootLimit, CancellationToken cancellationToken = default) =>
        RootPaths(id, _snapshot.ModuleTree, maxRoots, cancellationToken);

    /// <summary>
    /// Shortest strong-reference paths from up to <paramref name="maxRoots"/> distinct frames (those on thread
    /// stacks, and live frames nothing references) to the object.
    /// </summary>
    public RootPathSet FramePaths(ObjId id, int maxRoots = DefaultRootLimit, CancellationToken cancellationToken = default) =>
        RootPaths(id, _snapshot.FrameTree, maxRoots, cancellationToken);

    /// <summary>
    /// The shortest path from the nearest module, else from the nearest thread-stack frame, read off the
    /// trees make-analysis-db precomputed: O(depth) lookups, no search (where it lives, for a list of
    /// objects). Null when no root reaches the object.
    /// </summary>
    public RootPath? NearestRootPath(ObjId id)
    {
        var obj = id;
        _labeler.RequireObject(obj);
        var tree = _snapshot.ModuleTree.IsReachable(obj) ? _snapshot.ModuleTree : _snapshot.FrameTree.IsReachable(obj) ? _snapshot.FrameTree : null;
        return tree is null ? null : TreePath(tree, obj);
    }

    /// <summary>A shortest reference path (any kind of reference) from <paramref name="from"/> to <paramref name="to"/>, or null when none exists.</summary>
    public RootPath? PathBetween(ObjId from, ObjId to, CancellationToken cancellationToken = default)
    {
        _labeler.RequireObject(from);
        _labeler.RequireObject(to);
        var edges = new ForwardPathSearch(_snapshot, _stamps).Search(from, to, cancellationToken);
        return edges is null ? null : Path(from, edges);
    }

    /// <summary>The top <paramref name="count"/> objects (or types, for <see cref="TopKind.Types"/>) by the given measure.</summary>
    public IReadOnlyList<TopEntry> Top(TopKind kind, int count, CancellationToken cancellationToken = default)
    {
        var n = _snapshot.ObjectCount;
        var top = kind switch
        {
            TopKind.Types => _snapshot.TypeTotals()
                .OrderByDescending(t => t.InstanceCount).ThenBy(t => t.Type)
                .Take(count).Select(t => ((int)t.Type, t.InstanceCount)).ToList() as IReadOnlyList<(int Id, long Value)>,
            TopKind.Size => _rankings.Get(RankedList.Size, count, k => TopSelector.Select(n, k, new ShallowSizeMeasure(_snapshot), cancellationToken)),
            TopKind.Referenced => _rankings.Get(RankedList.Referenced, count, k => TopSelector.Select(n, k, new ReferrerCountMeasure(_snapshot), cancellationToken)),
            TopKind.Retained => _rankings.Get(RankedList.Retained, count, k => TopSelector.Select(n, k, new RetainedSizeMeasure(_snapshot), cancellationToken)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return top.Select(entry => new TopEntry(Summarize((ObjId)entry.Item1), entry.Item2)).ToList();
    }

    /// <summary>The whole stack the frame belongs to, oldest first, the frame itself marked current.</summary>
    /// <exception cref="QueryException">The object is not a frame.</exception>
    public IReadOnlyList<StackFrameRow> StackOf(ObjId frameId)
    {
        var frame = frameId;
        _labeler.RequireObject(frame);
        if (_snapshot.Frame(frame) is null)
        {
            throw new QueryException($"{_labeler.Label(frame)} is not a frame (stack shows a frame's stack; threads shows every thread)");
        }

        var frames = OlderFrames(frame);
        frames.Reverse();
        var seen = new HashSet<ObjId>(frames);
        for (var newer = _sql.CalledFrames(frame); newer.Count > 0 && seen.Add(newer[0]) && frames.Count < MaxStackDepth; newer = _sql.CalledFrames(newer[0]))
        {
            frames.Add(newer[0]);
        }

        return frames.Select(f => FrameRow(f, f == frame)).ToList();
    }

    /// <summary>Every thread alive at dump time with its stack, oldest frame first.</summary>
    public IReadOnlyList<ThreadStack> Threads()
    {
        var threads = new List<ThreadStack>();
        foreach (var thread in _snapshot.Threads)
        {
            var frames = thread.TopFrame == ObjId.None || !_snapshot.IsObject(thread.TopFrame) ? [] : OlderFrames(thread.TopFrame);
            frames.Reverse();
            threads.Add(new ThreadStack(thread.ThreadId, thread.Name, thread.IsMain, frames.Select(f => FrameRow(f, false)).ToList()));
        }

        return threads;
    }

    /// <summary>
    /// Types whose module-qualified name contains <paramref name="pattern"/> (case-insensitive; <c>*</c> and
    /// <c>?</c> are wildcards): how many in all, and the first <paramref name="limit"/>, largest retained size
    /// first. Types with no instances match too (last, with zero totals) unless <paramref name="withoutInstances"/>
    /// is false: then they are only counted (<see cref="TypeMatches.HiddenWithoutInstances"/>).
    /// </summary>
    public TypeMatches MatchTypes(string pattern, int limit = 50, bool withoutInstances = true, CancellationToken cancellationToken = default)
    {
        var matches = _types.Match(pattern, cancellationToken);
        var hidden = 0;
        if (!withoutInstances)
        {
            hidden = matches.RemoveAll(t => t.InstanceCount == 0);
        }

        var first = matches
            .Take(limit)
            .Select(t => new TypeStats(Summarize(t.Type), t.InstanceCount, t.ShallowBytes, t.RetainedBytes))
            .ToList();
        return new TypeMatches(matches.Count, first) { HiddenWithoutInstances = hidden };
    }

    /// <summary>The first <paramref name="limit"/> types <see cref="MatchTypes"/> finds.</summary>
    public IReadOnlyList<TypeStats> FindTypes(string pattern, int limit = 50, CancellationToken cancellationToken = default) =>
        MatchTypes(pattern, limit, cancellationToken: cancellationToken).Types;

    /// <summary>Where a random sample of objects is held from, and the modules nearest to most of them.</summary>
    public RootSummary SummarizeRoots(int sample, int top, Random random, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        int fromModules = 0, fromFramesOnly = 0, heldFromC = 0, garbage = 0;
        var byModule = new Dictionary<ObjId, int>();
        for (var i = 0; i < sample; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var obj = (ObjId)random.Next(_snapshot.ObjectCount);
            if (_snapshot.ModuleTree.IsReachable(obj))
            {
                fromModules++;
                var module = _snapshot.ModuleTree.Root(obj);
                byModule[module] = byModule.GetValueOrDefault(module) + 1;
            }
            else if (_snapshot.FrameTree.IsReachable(obj))
            {
                fromFramesOnly++;
            }
            else if (BucketOf(obj) == ObjId.UnreachableRoot)
            {
                garbage++;
            }
            else
            {
                heldFromC++; // and what garbage reaches as well: C holds it either way
            }
        }

        var topModules = byModule
            .OrderByDescending(m => m.Value).ThenBy(m => m.Key)
            .Take(top).Select(m => new TopEntry(Summarize(m.Key), m.Value)).ToList();
        return new RootSummary(sample, fromModules, fromFramesOnly, heldFromC, garbage, topModules);
    }

    /// <summary>Runs one SELECT against the analysis database opened read-only.</summary>
    /// <exception cref="QueryException">Not a single SELECT statement, or SQLite refused it.</exception>
    public SqlTable Sql(string select, int maxRows = 200, CancellationToken cancellationToken = default) =>
        _sql.Select(select, maxRows, cancellationToken);

    /// <summary>
    /// Resolves what <c>go</c> accepts: <c>random</c>, an id, <c>module.path.to.attr</c>, <c>.attr</c> (from
    /// <paramref name="current"/>), a type name, <c>module.TypeName</c>, or a mark.
    /// </summary>
    /// <exception cref="QueryException">Nothing matches.</exception>
    public ObjId Resolve(string target, ObjId current, Random random) => _resolver.Resolve(target, current, random);

    /// <summary>Attribute names reachable from the object with <c>.name</c> references or its <c>__dict__</c> (completion after <c>go .</c>).</summary>
    public IReadOnlyList<string> AttributeNames(ObjId id) =>
        _snapshot.IsObject(id) ? _resolver.AttributeNames(id) : [];

    /// <summary>Every mark name.</summary>
    public IReadOnlyList<string> MarkNames() => [.. _snapshot.Marks().Keys];

    /// <summary>
    /// The longest mark name: a mark is a name to type after <c>go</c> and to read in labels; 200 characters is far
    /// more than either needs, and short enough that a label carrying it still fits a line or a heading.
    /// </summary>
    public const int MaxMarkLength = 200;

    /// <summary>Marks the object with a name (a name marks one object: marking another with it moves it).</summary>
    /// <exception cref="QueryException">The name is empty, too long, has spaces, or could be mistaken for an id, a label or <c>random</c>.</exception>
    public void Mark(ObjId id, string name)
    {
        _labeler.RequireObject(id);
        if (name.Length > MaxMarkLength)
        {
            throw new QueryException($"mark: a mark name is at most {MaxMarkLength} characters, not {name.Length:N0}");
        }

        // Control characters (NUL among them) and lone surrogates have no place in a name: a lone surrogate cannot
        // even be written to SQLite as UTF-8 (it was a 500 from the web), and the message below always said so.
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace) || name.Any(char.IsControl) || !IsWellFormed(name) || name == "random"
            || int.TryParse(name, out _) || name[0] is '.' or '[' or '#' or '<' || name.Contains('{', StringComparison.Ordinal) || name.Contains('}', StringComparison.Ordinal))
        {
            throw new QueryException($"mark: {Printable(name)} cannot be a mark name (use letters, digits, _ or -; not a number, an id or label, or 'random')");
        }

        try
        {
            _snapshot.SetMark(name, id);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new QueryException($"mark: cannot write the mark to {_snapshot.Path} ({e.Message.Split('\n')[0]})", e);
        }

        _labeler.ForgetMarks();
    }

    private static bool IsWellFormed(string text) => System.Text.Unicode.Utf8.FromUtf16(text, new byte[text.Length * 3], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done;

    /// <summary>A refused name as the message shows it: control characters and lone surrogates as escapes.</summary>
    private static string Printable(string text)
    {
        var printable = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                printable.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                printable.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sql.Dispose();
        if (_ownsSnapshot)
        {
            _snapshot.Dispose();
        }
    }

    private ReferenceRow Row(EdgeId edge, ObjId other) =>
        new(_edgeText.Render(edge), Summarize(other), (ReferenceKind)_snapshot.KindOf(edge));

    /// <summary>A referrer; an entry of some object's <c>__dict__</c> is shown as that object's attribute.</summary>
    private ReferenceRow ReferrerRow(EdgeId edge)
    {
        var source = _snapshot.EdgeSource(edge);
        if (_attributes.AttributeName(_snapshot.EdgeLabel(edge)) is { } name && _attributes.DictOwner(source) is var owner && owner != ObjId.None)
        {
            return new ReferenceRow("." + name, Summarize(owner), (ReferenceKind)_snapshot.KindOf(edge));
        }

        return Row(edge, source);
    }

    private List<ObjectSummary> Summaries(IEnumerable<ObjId> ids) => ids.Select(id => Summarize(id)).ToList();

    private RootPathSet RootPaths(ObjId id, RootTree tree, int maxRoots, CancellationToken cancellationToken)
    {
        _labeler.RequireObject(id);
        var (found, complete) = new RootPathSearch(_snapshot, _stamps, _rootSearchBudget).Search(id, tree, maxRoots, cancellationToken);
        return new RootPathSet(found.Select(f => f.Edges is null ? TreePath(tree, id) : Path(f.Root, f.Edges)).ToList(), complete);
    }

    private RootPath Path(ObjId root, IReadOnlyList<EdgeId> edges) => _paths.Render(Summarize(root), edges);

    /// <summary>The frame and the frames below it (its callers), newest first, following f_back.</summary>
    private List<ObjId> OlderFrames(ObjId frame)
    {
        var frames = new List<ObjId>();
        var seen = new HashSet<ObjId>();
        for (var current = frame; current != ObjId.None && _snapshot.IsObject(current) && seen.Add(current) && frames.Count < MaxStackDepth;)
        {
            frames.Add(current);
            current = _snapshot.Frame(current)?.Back ?? ObjId.None;
        }

        return frames;
    }

    private StackFrameRow FrameRow(ObjId frame, bool isCurrent) =>
        new(Summarize(frame), _snapshot.Frame(frame)?.Trace ?? "", isCurrent);
}
