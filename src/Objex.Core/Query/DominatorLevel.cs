using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// One node of the dominator tree as a treemap shows it: what it retains, where it sits (its bucket and the
/// objects above it) and its children, the large ones each on their own and the rest counted by type.
/// </summary>
/// <param name="Node">The object, or a virtual node (<see cref="ObjId.SuperRoot"/> or one of the four buckets).</param>
/// <param name="Object">The object's summary; null for a virtual node.</param>
/// <param name="RetainedBytes">What the node retains.</param>
/// <param name="ChildCount">Its children in the dominator tree (for the super-root: the top-level objects listed).</param>
/// <param name="Bucket">The bucket the node lies under (<see cref="ObjId.ModulesRoot"/>, <see cref="ObjId.ThreadStacksRoot"/>,
/// <see cref="ObjId.HeldFromCRoot"/>, <see cref="ObjId.UnreachableRoot"/>; a bucket is its own), or <see cref="ObjId.SuperRoot"/> for the super-root and what
/// more than one kind of root reaches.</param>
/// <param name="Above">The node's dominators, topmost first, down to its immediate dominator; when there are more than
/// <see cref="QuerySession.MaxChainLength"/>, the topmost and the nearest half of that each, <see cref="AboveSkipped"/>
/// left out between them. Empty for a virtual node.</param>
/// <param name="Largest">Children shown on their own, largest retained first (for the super-root: the largest
/// objects no other object keeps alive).</param>
/// <param name="Groups">The other children by type, most retained first (at most <see cref="ChildTypeGroup.MaxGroups"/>: one
/// page of them, from <see cref="GroupOffset"/>).</param>
/// <param name="BucketRests">For the super-root only (else empty): what each bucket keeps alive beyond the objects shown
/// in <paramref name="Largest"/>, largest first, so that what no tile shows can still be opened bucket by bucket.</param>
public sealed record DominatorLevel(
    ObjId Node,
    ObjectSummary? Object,
    long RetainedBytes,
    long ChildCount,
    ObjId Bucket,
    IReadOnlyList<ObjectSummary> Above,
    IReadOnlyList<ObjectSummary> Largest,
    IReadOnlyList<ChildTypeGroup> Groups,
    IReadOnlyList<BucketRest> BucketRests)
{
    /// <summary>The first type group shown: 0, or further down the types when the level's "rest" was opened.</summary>
    public int GroupOffset { get; init; }

    /// <summary>What the children on earlier pages retain (the own tiles and the groups before <see cref="GroupOffset"/>), and how many they are.</summary>
    public (long Bytes, long Count) Skipped { get; init; }

    /// <summary>How many dominators a long chain leaves out between <see cref="Above"/>'s topmost and nearest halves.</summary>
    public int AboveSkipped { get; init; }

    /// <summary>The left-out dominator halfway between the two halves (<see cref="ObjId.None"/> when none is left out): a
    /// breadcrumb that opens it halves what is left out, so any dominator is a few clicks away.</summary>
    public ObjId AboveMiddle { get; init; } = ObjId.None;

    /// <summary>Whether more type groups follow this page.</summary>
    public bool MoreGroups { get; init; }
}

/// <summary>A bucket's part of the whole heap that the super-root's tiles do not show one by one.</summary>
/// <param name="Bucket">The bucket (<see cref="ObjId.ModulesRoot"/>, …), or <see cref="ObjId.SuperRoot"/> for the objects more than
/// one kind of root reaches, which only the super-root dominates (<see cref="QuerySession.SharedLevel"/> opens them).</param>
/// <param name="RetainedBytes">What the bucket retains minus what the tiles under it retain.</param>
/// <param name="ChildCount">The bucket's children not shown as tiles.</param>
public sealed record BucketRest(ObjId Bucket, long RetainedBytes, long ChildCount);
