using Objex.Query;
using Objex.Snapshot;

namespace Objex.Web.Api;

/// <summary>
/// The web API's own answer shapes, where the query layer's records are not enough on their own
/// (paging, the home summary, the treemap). Serialised camelCase; docs/web-api.md lists them.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Total">Rows in all.</param>
/// <param name="Offset">Index of the first row returned.</param>
/// <param name="Rows">At most the limit asked for.</param>
public sealed record Page<T>(long Total, int Offset, IReadOnlyList<T> Rows);

/// <summary>What the home page says about the dump.</summary>
/// <param name="File">The dump's file name.</param>
/// <param name="Hostname">Where it was taken.</param>
/// <param name="Timestamp">When (UTC, <c>YYYY-MM-DD HH:MM:SS</c>).</param>
/// <param name="Pid">The dumped process.</param>
/// <param name="PythonVersion">e.g. 3.12.1; null for the original collector's dumps.</param>
/// <param name="Platform">The dumped process's platform string, when known.</param>
/// <param name="RssBytes">RSS of the process when the dump started, when known.</param>
/// <param name="PeakRssBytes">Peak RSS, when known.</param>
/// <param name="ObjectBytes">Shallow bytes of every object found.</param>
/// <param name="FoundShare">ObjectBytes / peak RSS (as the REPL's banner), null when RSS is unknown.</param>
/// <param name="ObjectCount">Objects in the dump.</param>
/// <param name="ReferenceCount">References in the dump.</param>
/// <param name="Totals">What no module or stack reaches: held from C, garbage, and the collector's state.</param>
/// <param name="Rss">Where the process's resident memory was (parts that add up to RSS); null when the dump did not measure it.</param>
public sealed record DumpSummary(
    string File,
    string Hostname,
    string Timestamp,
    long Pid,
    string? PythonVersion,
    string? Platform,
    long? RssBytes,
    long? PeakRssBytes,
    long ObjectBytes,
    double? FoundShare,
    int ObjectCount,
    long ReferenceCount,
    HeapTotals Totals,
    RssBreakdown? Rss);

/// <summary>
/// An object page's header: the summary plus the id of its type, so the type links, and each of its
/// marks on its own (<see cref="Mark"/> joins them as the label does).
/// </summary>
/// <param name="UnseenReferences">References its refcount counts that the dump could not see (held from C); 0 when none.</param>
public sealed record ObjectDetails(
    ObjId Id,
    string Label,
    ObjectKind Kind,
    string TypeName,
    ObjId TypeId,
    long Size,
    long? Retained,
    long Refcount,
    long? Length,
    string? Value,
    string? Mark,
    IReadOnlyList<string> Marks,
    int UnseenReferences)
{
    /// <summary>An immortal object (3.12+): <see cref="Refcount"/> is a marker, not a count; the page shows "immortal".</summary>
    public bool Immortal { get; init; }

    /// <summary>Created since the baseline (<c>--baseline A</c>): A did not have it. False without a baseline.</summary>
    public bool IsNew { get; init; }
    /// <summary>Where tracemalloc saw it allocated (<c>app/cache.py:88 in remember</c>), or null (docs/explorer.md, allocation sites).</summary>
    public string? AllocatedAt { get; init; }
}

/// <summary>The instances of one type: its totals and one page of its instances.</summary>
/// <param name="Type">The type and the analysis' totals for it.</param>
/// <param name="Total">Instances in all.</param>
/// <param name="Offset">Rank of the first row (0: the instance retaining most).</param>
/// <param name="Rows">Largest retained first, ties by id.</param>
public sealed record TypeInstances(TypeStats Type, long Total, int Offset, IReadOnlyList<ObjectSummary> Rows);

/// <summary>One row of a top list, with where the object lives.</summary>
/// <param name="Object">The object (or type).</param>
/// <param name="Value">What it is ranked by: bytes, referrers or instances.</param>
/// <param name="Path">The shortest path from its nearest module, else nearest frame; null when no root reaches it.</param>
public sealed record TopRow(ObjectSummary Object, long Value, RootPath? Path);

/// <summary>A frame's whole stack, oldest first.</summary>
public sealed record StackAnswer(IReadOnlyList<StackFrameRow> Frames);

/// <summary>One mark and the object it names.</summary>
public sealed record MarkRow(string Mark, ObjectSummary Object);

/// <summary>
/// One level of the retained-size treemap: a node of the dominator tree and its largest children.
/// </summary>
/// <param name="Node">"root", a bucket ("modules", "stacks", "heldc", "unreachable") or an object id.</param>
/// <param name="Label">What the node is.</param>
/// <param name="Retained">Bytes the node retains.</param>
/// <param name="ChildCount">Children it has in the dominator tree.</param>
/// <param name="Object">The node's object; null for the root and the buckets.</param>
/// <param name="Chain">Breadcrumb from the root down to this node.</param>
/// <param name="Children">The largest children, largest first.</param>
/// <param name="Groups">The children too small for a tile of their own, counted by type, largest first.</param>
/// <param name="OthersRetained">Bytes retained by the children neither listed nor in a group (nor on an earlier page), plus the node's own size.</param>
/// <param name="OthersCount">Children neither listed nor in a group (nor on an earlier page).</param>
public sealed record MapLevel(
    string Node,
    string Label,
    long Retained,
    long ChildCount,
    ObjectSummary? Object,
    IReadOnlyList<MapCrumb> Chain,
    IReadOnlyList<MapTile> Children,
    IReadOnlyList<MapGroup> Groups,
    long OthersRetained,
    long OthersCount)
{
    /// <summary>The first type group of this page (0 unless the "rest" of a level was opened: <c>?from=</c>).</summary>
    public int From { get; init; }

    /// <summary>Where the next page of type groups starts, when the rest holds more types; null when the rest is the node's own size and children of no other type.</summary>
    public int? NextFrom { get; init; }
}

/// <summary>A node's children of one type that are too small for tiles of their own.</summary>
/// <param name="Type">The type object (its page lists every instance).</param>
/// <param name="TypeName">The type's name as labels print it: <c>app.Session</c>, <c>str</c>.</param>
/// <param name="Count">How many of the node's children are of this type.</param>
/// <param name="Retained">The bytes they retain together.</param>
public sealed record MapGroup(ObjectSummary Type, string TypeName, long Count, long Retained);

/// <summary>One step of the treemap's breadcrumb.</summary>
public sealed record MapCrumb(string Node, string Label);

/// <summary>One treemap tile: a child in the dominator tree.</summary>
/// <param name="Node">Its object id as a string, or a bucket's name (the route's node).</param>
/// <param name="Object">The child; null for a bucket.</param>
/// <param name="HasChildren">True when it keeps other objects alive (its tile can be opened).</param>
/// <param name="Path">Where the child lives: the shortest path from its nearest module, else frame; null when none reaches it.</param>
public sealed record MapTile(string Node, string Label, ObjectKind? Kind, string? TypeName, long Retained, bool HasChildren, ObjectSummary? Object, RootPath? Path);

/// <summary>
/// The comparison view (<c>GET /api/diff</c>): what grew since the baseline, and the types that changed.
/// </summary>
/// <param name="HasBaseline">False when the server was started without <c>--baseline</c>; every other field is then empty.</param>
/// <param name="Hint">Without a baseline, how to get one.</param>
/// <param name="A">The baseline (the earlier dump).</param>
/// <param name="B">The dump served.</param>
/// <param name="NewObjects">Objects of B that A did not have (what object pages mark "new").</param>
/// <param name="ObjectDelta">Objects more in B than in A.</param>
/// <param name="ShallowDelta">Shallow bytes more in B than in A.</param>
/// <param name="Growth">The first growth entries, most retained growth first, each with its holder and a sample.</param>
/// <param name="GrowthTotal">Growth entries in all.</param>
/// <param name="Types">The first types that changed, largest growth of their own bytes first.</param>
/// <param name="TypeTotal">Types that changed in all.</param>
public sealed record DiffView(
    bool HasBaseline,
    string? Hint,
    DiffSide? A,
    DiffSide? B,
    long NewObjects,
    long ObjectDelta,
    long ShallowDelta,
    IReadOnlyList<GrowthTarget> Growth,
    int GrowthTotal,
    IReadOnlyList<TypeDelta> Types,
    int TypeTotal)
{
    /// <summary>The answer of a server started without a baseline.</summary>
    public static DiffView NoBaseline { get; } = new(
        false, "no baseline: start the server as objex web B --baseline A, with A an earlier dump of the same process (or its analysis database)",
        null, null, 0, 0, 0, [], 0, [], 0);
}
