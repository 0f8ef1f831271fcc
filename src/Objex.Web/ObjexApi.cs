using System.Globalization;
using Objex.Query;
using ObjId = Objex.Snapshot.ObjId;
using Objex.Web.Api;
using Objex.Web.Internal;

namespace Objex.Web;

/// <summary>
/// What the web API answers, as a thin adapter over one <see cref="QuerySession"/>: it checks ids,
/// pages lists and shapes answers for JSON, and holds no graph logic. The session is not
/// thread-safe and Kestrel serves requests in parallel, so every call takes one lock; each answer
/// takes milliseconds, so a single local user never notices the queue.
/// </summary>
public sealed class ObjexApi : IDisposable
{
    private readonly QuerySession _session;
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly DominatorMap _map;

    /// <summary>Serves <paramref name="session"/>; disposing the API disposes the session.</summary>
    /// <param name="session">The open analysis database.</param>
    /// <param name="random">Drives <c>go random</c>; seed it in tests.</param>
    public ObjexApi(QuerySession session, Random? random = null)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _random = random ?? new Random();
        _map = new DominatorMap(session);
    }

    /// <summary>The home page's summary of the dump.</summary>
    public DumpSummary Summary()
    {
        lock (_gate)
        {
            var info = _session.Info;
            var meta = _session.Snapshot.Meta;
            var rss = QuerySession.RssFigure(meta);
            return new DumpSummary(info.DumpName, info.Hostname, info.Timestamp, meta.Pid, meta.PythonVersion, meta.Platform,
                meta.RssBytes, meta.PeakRssBytes, info.FoundBytes, rss > 0 ? (double)info.FoundBytes / rss : null, info.ObjectCount, info.ReferenceCount,
                _session.Totals(), _session.Rss());
        }
    }

    /// <summary>An object's label and facts.</summary>
    public ObjectDetails Object(ObjId id)
    {
        lock (_gate)
        {
            var o = SummarizeExisting(id);
            var type = _session.TypeOf(id);
            return new ObjectDetails(o.Id, o.Label, o.Kind, o.TypeName, type.Id, o.Size, o.Retained, o.Refcount, o.Length, o.Value, o.Mark, MarksOf(id), o.UnseenReferences)
            {
                Immortal = o.Immortal,
                IsNew = o.IsNew,
                AllocatedAt = _session.AllocationSiteOf(id)?.ToString(),
            };
        }
    }

    /// <summary>One page of the object's referents (<paramref name="outbound"/>) or referrers.</summary>
    public Page<ReferenceRow> References(ObjId id, bool outbound, int offset, int limit)
    {
        lock (_gate)
        {
            CheckId(id);
            var list = outbound ? _session.Referents(id, limit, offset) : _session.Referrers(id, limit, offset);
            return new Page<ReferenceRow>(list.Total, offset, list.Rows);
        }
    }

    /// <summary>The object's referrers counted by their type, most first.</summary>
    public ReferrerTypeCounts ReferrerTypeCounts(ObjId id)
    {
        lock (_gate)
        {
            CheckId(id);
            return _session.ReferrerTypesOf(id);
        }
    }

    /// <summary>Shortest paths from distinct modules, or from distinct frames, to the object.</summary>
    public RootPathSet Paths(ObjId id, bool fromFrames, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckId(id);
            return fromFrames ? _session.FramePaths(id, cancellationToken: cancellationToken) : _session.ModulePaths(id, cancellationToken: cancellationToken);
        }
    }

    /// <summary>One page of the shortest path from the nearest module (or frame): the middle a long path elides.</summary>
    public RootPath PathPage(ObjId id, bool fromFrames, int offset, int limit)
    {
        lock (_gate)
        {
            CheckId(id);
            return _session.NearestRootPathPage(id, fromFrames, offset, limit);
        }
    }

    /// <summary>Retained size, the "kept alive by" chain and the largest objects it keeps alive.</summary>
    public DominatorChain Retained(ObjId id, int largest)
    {
        lock (_gate)
        {
            CheckId(id);
            return _session.Retained(id, largest);
        }
    }

    /// <summary>One page of the object's dominator chain (0: its immediate dominator): the middle a long chain leaves out.</summary>
    public Page<ObjectSummary> ChainPage(ObjId id, int offset, int limit)
    {
        lock (_gate)
        {
            CheckId(id);
            var chain = _session.DominatorChainPage(id, offset, limit);
            return new Page<ObjectSummary>(_session.DominatorChainLength(id), offset, chain);
        }
    }

    /// <summary>The stack a frame belongs to.</summary>
    public StackAnswer Stack(ObjId id)
    {
        lock (_gate)
        {
            CheckId(id);
            return new StackAnswer(_session.StackOf(id));
        }
    }

    /// <summary>The leak suspects (<see cref="QuerySession.Suspects"/>), largest first, with the garbage and what only thread stacks keep.</summary>
    public SuspectReport Suspects(double threshold, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _session.Suspects(threshold, cancellationToken);
        }
    }

    /// <summary>
    /// The comparison with the baseline (<c>objex web B --baseline A</c>): the first <paramref name="growthLimit"/> growth
    /// entries with a holder and a sample each, and the first <paramref name="typeLimit"/> types that changed; without a
    /// baseline, an answer that says how to get one.
    /// </summary>
    public DiffView Diff(int growthLimit, int typeLimit)
    {
        lock (_gate)
        {
            if (_session.Baseline is not { } diff)
            {
                return DiffView.NoBaseline;
            }

            var types = diff.Types.Where(t => t.Changed).ToList();
            return new DiffView(true, null, diff.A, diff.B, diff.NewInB.Count, diff.B.Objects - diff.A.Objects, diff.ShallowDelta,
                _session.BaselineGrowth(growthLimit), diff.Growth.Count, Slice(types, 0, typeLimit), types.Count);
        }
    }

    /// <summary>Every thread with its stack.</summary>
    public IReadOnlyList<ThreadStack> Threads()
    {
        lock (_gate)
        {
            return _session.Threads();
        }
    }

    /// <summary>
    /// Types whose name matches <paramref name="pattern"/> (empty: every type), largest retained first.
    /// The total is exact up to one past the page: labelling every match just to count them would cost
    /// a lookup per type, so a total of offset + limit + 1 means "more than this page".
    /// </summary>
    public Page<TypeStats> Types(string pattern, int offset, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var all = _session.FindTypes(pattern.Length == 0 ? "*" : pattern, offset + limit + 1, cancellationToken);
            return new Page<TypeStats>(all.Count, offset, Slice(all, offset, limit));
        }
    }

    /// <summary>
    /// The top objects by <paramref name="kind"/>, each with where it lives (its nearest root's path); by retained size
    /// without <paramref name="nested"/>, as the REPL's <c>top retained</c>: no row a listed one keeps alive, no module.
    /// </summary>
    public Page<TopRow> Top(TopKind kind, int limit, bool nested, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var entries = kind == TopKind.Retained && !nested
                ? _session.TopRetained(limit, nested: false, cancellationToken)
                : _session.Top(kind, limit, cancellationToken);
            var rows = new TopRow[entries.Count];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = new TopRow(entries[i].Object, entries[i].Value, _session.NearestRootPath(entries[i].Object.Id));
            }

            return new Page<TopRow>(rows.Length, 0, rows);
        }
    }

    /// <summary>A type's totals and one page of its instances, largest retained first (ties by id).</summary>
    public TypeInstances Instances(ObjId typeId, int offset, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var type = SummarizeExisting(typeId);
            if (type.Kind != ObjectKind.Type)
            {
                throw ApiException.NotFound($"object #{typeId} is not a type");
            }

            var page = _session.InstancesByRetained(typeId, offset, limit, cancellationToken);
            return new TypeInstances(StatsOf(type, page.Total), page.Total, offset, page.Rows);
        }
    }

    /// <summary>A type's instances grouped by where they are held (merged normalised root paths), most first.</summary>
    public MergedRootPaths InstancePaths(ObjId typeId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (SummarizeExisting(typeId).Kind != ObjectKind.Type)
            {
                throw ApiException.NotFound($"object #{typeId} is not a type");
            }

            return _session.MergedRootPathsOfType(typeId, limit, cancellationToken);
        }
    }

    /// <summary>
    /// Resolves what the REPL's <c>go</c> accepts, and the labels the page shows (<see cref="LabelledId"/>);
    /// <paramref name="current"/> anchors <c>.attr</c>.
    /// </summary>
    public ObjectSummary Go(string target, int? current)
    {
        lock (_gate)
        {
            if (current is { } from)
            {
                CheckId((ObjId)from);
            }
            else if (target[0] is '.' or '[')
            {
                throw ApiException.BadRequest($"'{target}' walks from the object shown: open an object first");
            }

            if (LabelledId.Digits(target) is { } digits)
            {
                return SummarizeExisting(int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var labelled)
                    ? (ObjId)labelled
                    : throw NoSuchObject(digits));
            }

            ObjId id;
            try
            {
                id = _session.Resolve(target, current is { } at ? (ObjId)at : ObjId.None, _random);
            }
            catch (QueryException error)
            {
                throw ApiException.NotFound(error.Message);
            }

            return _session.Summarize(id);
        }
    }

    /// <summary>Marks an object (the API's only write).</summary>
    public ObjectSummary Mark(ObjId id, string name)
    {
        lock (_gate)
        {
            CheckId(id);
            _session.Mark(id, name);
            return _session.Summarize(id);
        }
    }

    /// <summary>Every mark and the object it names, by mark name.</summary>
    public IReadOnlyList<MarkRow> Marks()
    {
        lock (_gate)
        {
            var names = _session.MarkNames();
            var rows = new List<MarkRow>(names.Count);
            foreach (var name in names)
            {
                rows.Add(new MarkRow(name, _session.Summarize(_session.Resolve(name, ObjId.None, _random))));
            }

            return rows;
        }
    }

    /// <summary>
    /// One treemap level: <paramref name="node"/> is <c>root</c>, a bucket (<c>modules</c>,
    /// <c>stacks</c>, <c>heldc</c>, <c>unreachable</c>) or an object id, whose children in the dominator tree become tiles.
    /// </summary>
    public MapLevel Map(string node, int limit, int groupOffset = 0)
    {
        lock (_gate)
        {
            return _map.Level(node, limit, groupOffset);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private ObjectSummary SummarizeExisting(ObjId id)
    {
        CheckId(id);
        return _session.Summarize(id);
    }

    /// <summary>Every mark naming the object, in the order they were set (the marks table is small: one user's names).</summary>
    private List<string> MarksOf(ObjId id)
    {
        var marks = new List<string>();
        foreach (var (mark, marked) in _session.Snapshot.Marks())
        {
            if (marked == id)
            {
                marks.Add(mark);
            }
        }

        return marks;
    }

    /// <summary>The analysis stored per-type totals; this type's row, or just its count when it has none.</summary>
    private TypeStats StatsOf(ObjectSummary type, long instanceCount)
    {
        foreach (var total in _session.Snapshot.TypeTotals())
        {
            if (total.Type == type.Id)
            {
                return new TypeStats(type, total.InstanceCount, total.ShallowBytes, total.RetainedBytes);
            }
        }

        return new TypeStats(type, instanceCount, 0, 0);
    }

    private void CheckId(ObjId id)
    {
        if (!_session.Snapshot.IsObject(id))
        {
            throw NoSuchObject(((int)id).ToString(CultureInfo.InvariantCulture));
        }
    }

    private ApiException NoSuchObject(string id) => ApiException.NotFound($"no object #{id} (ids run from 0 to {_session.ObjectCount - 1})");

    private static T[] Slice<T>(IReadOnlyList<T> rows, int offset, int limit)
    {
        var count = Math.Clamp(rows.Count - offset, 0, limit);
        var page = new T[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = rows[offset + i];
        }

        return page;
    }
}
