namespace Objex.Query;

/// <summary>
/// The one query layer both faces ask (the REPL and the web API): labels, in/out references, root paths,
/// top lists, retained sizes and dominator chains, stacks and threads, type search, read-only SQL,
/// go-target resolution and marks, over one analysis database.
/// Answers come from the in-memory <c>HeapSnapshot</c> that make-analysis-db precomputed; the faces format them.
/// Not thread-safe: a web face serialises calls or opens one session per worker.
/// </summary>
public sealed partial class QuerySession : IDisposable
{
    /// <summary>How many references <c>in</c>/<c>out</c> list by default (the original listed 20).</summary>
    public const int DefaultListLimit = 20;

    /// <summary>How many distinct modules or frames the root-path sections list at most.</summary>
    public const int DefaultRootLimit = 20;

    /// <summary>Opens an analysis database (read-only for queries; marks are written to its object_mark table).</summary>
    /// <exception cref="AnalysisFileException">The file is missing, not SQLite, a dump rather than an analysis, or from another format version.</exception>
    public static QuerySession Open(string analysisDbPath)
    {
        AnalysisFileCheck.ThrowIfUnusable(analysisDbPath);
        throw new NotImplementedException("the query layer waits for HeapSnapshot");
    }

    /// <summary>Banner facts: dump name, host, time, RSS, bytes and objects found.</summary>
    public SessionInfo Info => throw new NotImplementedException();

    /// <summary>Number of objects (ids are 0..ObjectCount-1).</summary>
    public int ObjectCount => throw new NotImplementedException();

    /// <summary>The object's label and facts.</summary>
    /// <exception cref="QueryException">No object has that id.</exception>
    public ObjectSummary Summarize(int id) => throw new NotImplementedException();

    /// <summary>The object's type object.</summary>
    public ObjectSummary TypeOf(int id) => throw new NotImplementedException();

    /// <summary>Who refers to the object (<c>in</c>): total count and the first <paramref name="limit"/> rows.</summary>
    public ReferenceList Referrers(int id, int limit = DefaultListLimit) => throw new NotImplementedException();

    /// <summary>What the object refers to (<c>out</c>): total count and the first <paramref name="limit"/> rows.</summary>
    public ReferenceList Referents(int id, int limit = DefaultListLimit) => throw new NotImplementedException();

    /// <summary>For a type object its bases, the rest of its MRO, subtypes and first instances; null for other objects.</summary>
    public TypeRelations? TypeRelationsOf(int id, int instanceLimit = DefaultListLimit) => throw new NotImplementedException();

    /// <summary>
    /// Shortest strong-reference paths from up to <paramref name="maxRoots"/> distinct modules to the object
    /// (bounded reverse breadth-first search; see <see cref="RootPathSet.Complete"/>).
    /// </summary>
    public RootPathSet ModulePaths(int id, int maxRoots = DefaultRootLimit, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Shortest strong-reference paths from up to <paramref name="maxRoots"/> distinct frames to the object.</summary>
    public RootPathSet FramePaths(int id, int maxRoots = DefaultRootLimit, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>A shortest reference path from <paramref name="from"/> to <paramref name="to"/>, or null when none exists.</summary>
    public RootPath? PathBetween(int from, int to, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The top <paramref name="count"/> objects (or types) by the given measure.</summary>
    public IReadOnlyList<TopEntry> Top(TopKind kind, int count, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Retained size, dominator chain up to the root and the largest objects the object keeps alive.</summary>
    public DominatorChain Retained(int id, int largest = 10) => throw new NotImplementedException();

    /// <summary>The whole stack the frame belongs to, oldest first, the frame itself marked current.</summary>
    /// <exception cref="QueryException">The object is not a frame.</exception>
    public IReadOnlyList<StackFrameRow> StackOf(int frameId) => throw new NotImplementedException();

    /// <summary>Every thread alive at dump time with its stack.</summary>
    public IReadOnlyList<ThreadStack> Threads() => throw new NotImplementedException();

    /// <summary>Types whose name contains the pattern (<c>*</c> and <c>?</c> wildcards allowed), largest retained first.</summary>
    public IReadOnlyList<TypeStats> FindTypes(string pattern, int limit = 50, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Where a random sample of objects is held from.</summary>
    public RootSummary SummarizeRoots(int sample, int top, Random random, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Runs one SELECT against the analysis database opened read-only.</summary>
    /// <exception cref="QueryException">Not a single SELECT statement, or SQLite refused it.</exception>
    public SqlTable Sql(string select, int maxRows = 200, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Resolves what <c>go</c> accepts: <c>random</c>, an id, <c>module.path.to.attr</c>, <c>.attr</c> (from
    /// <paramref name="current"/>), a type name, <c>module.TypeName</c>, or a mark.
    /// </summary>
    /// <exception cref="QueryException">Nothing matches.</exception>
    public int Resolve(string target, int current, Random random) => throw new NotImplementedException();

    /// <summary>Attribute names reachable from the object with <c>.name</c> edges (Tab completion after <c>go .</c>).</summary>
    public IReadOnlyList<string> AttributeNames(int id) => throw new NotImplementedException();

    /// <summary>Marks the object with a name (unique: marking another object with it moves the mark).</summary>
    public void Mark(int id, string name) => throw new NotImplementedException();

    /// <summary>Every mark name, for completion.</summary>
    public IReadOnlyList<string> MarkNames() => throw new NotImplementedException();

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
