using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Grouped, not repeated: objects merged by where they are held (normalised root paths), a node's children
/// merged by type and path, and the top of the retained ranking without what a listed row already holds.
/// </summary>
public sealed partial class QuerySession
{
    /// <summary>Merged-path groups <c>in</c> and the web's type page list.</summary>
    public const int DefaultGroupLimit = 10;

    private RootPathNormaliser? _normaliser;

    private RootPathNormaliser Normaliser => _normaliser ??= new RootPathNormaliser(_snapshot, _labeler, _edgeText, _attributes, _closures);

    /// <summary>The session's normalised paths and type names, for a <see cref="HeapDiff"/> of two sessions.</summary>
    internal (RootPathNormaliser Paths, Labeler Labels) DiffParts => (Normaliser, _labeler);

    /// <summary>
    /// Where the object is held, indexes and keys collapsed (<c>&lt;module store&gt;.ROOM_HISTORY[*][*]</c>): its
    /// nearest root's path (module, else frame), normalised. O(depth) the first time, memoised for the session.
    /// </summary>
    public NormalisedRootPath NormalisedRootPath(ObjId id)
    {
        _labeler.RequireObject(id);

        // Prepare reads the labels of the path's unknown stretch in one scan: one lookup per reference took 44 s
        // for the end of a 600,000-long linked list (suspects asks for its accumulation point's path).
        Normaliser.Prepare([id], CancellationToken.None);
        return Normaliser.PathOf(Normaliser.NodeOf(id));
    }

    /// <summary>
    /// The objects grouped by <see cref="NormalisedRootPath(ObjId)"/>, most objects first, the first
    /// <paramref name="limit"/> groups listed (MAT's merged shortest paths). O(objects) once their paths are known.
    /// </summary>
    public MergedRootPaths MergedRootPaths(IEnumerable<ObjId> ids, int limit = DefaultGroupLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var objects = ids as IReadOnlyList<ObjId> ?? [.. ids];
        foreach (var id in objects)
        {
            _labeler.RequireObject(id);
        }

        var tallies = PathGrouping.ByPath(_snapshot, Normaliser, _stamps, objects, cancellationToken);

        // Ties go by the sample's id, not the path's text: rendering 93,000 paths to sort them cost 0.8 s.
        var ranked = tallies.Select(t => (Node: t.Key, Tally: t.Value)).ToList();
        ranked.Sort((a, b) => a.Tally.Count != b.Tally.Count ? b.Tally.Count.CompareTo(a.Tally.Count)
            : a.Tally.Retained != b.Tally.Retained ? b.Tally.Retained.CompareTo(a.Tally.Retained)
            : a.Tally.Sample.CompareTo(b.Tally.Sample));
        var listed = ranked.Take(limit)
            .Select(g => new MergedPathGroup(Normaliser.PathOf(g.Node), g.Tally.Count, g.Tally.Shallow, g.Tally.Retained, Summarize(g.Tally.Sample)))
            .ToList();
        return new MergedRootPaths(objects.Count, listed, objects.Count - listed.Sum(g => g.Count), ranked.Count - listed.Count);
    }

    /// <summary>A type's instances grouped by where they are held (<see cref="MergedRootPaths(IEnumerable{ObjId}, int, CancellationToken)"/>).</summary>
    /// <exception cref="QueryException">The object is not a type.</exception>
    public MergedRootPaths MergedRootPathsOfType(ObjId typeId, int limit = DefaultGroupLimit, CancellationToken cancellationToken = default)
    {
        _labeler.RequireObject(typeId);
        if (_snapshot.KindOf(typeId) != ObjKind.Type)
        {
            throw new QueryException($"{_labeler.Label(typeId)} is not a type");
        }

        return MergedRootPaths(_instances.Ranked(typeId, cancellationToken), limit, cancellationToken);
    }

    /// <summary>
    /// What the object alone keeps alive directly (its dominator-tree children), merged by type and normalised path
    /// below it ("2,501 × store.Sample via [*]"), most retained first, the first <paramref name="limit"/>. O(children).
    /// </summary>
    public IReadOnlyList<KeptGroup> KeptGroups(ObjId id, int limit = DefaultGroupLimit, CancellationToken cancellationToken = default)
    {
        _labeler.RequireObject(id);
        return PathGrouping.Children(_snapshot, Normaliser, id, cancellationToken)
            .Take(limit)
            .Select(g =>
            {
                var sample = Summarize(g.Tally.Sample);
                return new KeptGroup(Summarize(g.Type), sample.TypeName, g.Tally.Count, g.Tally.Retained, g.Below, sample);
            })
            .ToList();
    }

    /// <summary>
    /// The top <paramref name="count"/> objects by retained size. Without <paramref name="nested"/>, no object kept
    /// alive by one listed before it, and no module or frame (their largest children stand for them:
    /// <see cref="ContainerRanking"/>); with it, every object, as <see cref="Top"/> ranks them.
    /// </summary>
    public IReadOnlyList<TopEntry> TopRetained(int count, bool nested, CancellationToken cancellationToken = default)
    {
        if (nested)
        {
            return Top(TopKind.Retained, count, cancellationToken);
        }

        return _rankings.Get(RankedList.RetainedContainers, count, k => ContainerRanking.Select(_snapshot, k, cancellationToken))
            .Select(entry => new TopEntry(Summarize((ObjId)entry.Id), entry.Value))
            .ToList();
    }
}
