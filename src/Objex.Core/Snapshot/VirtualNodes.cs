namespace Objex.Snapshot;

/// <summary>
/// The dominator tree's virtual nodes (<see cref="ObjId"/>'s negative members but <see cref="ObjId.None"/>) in one
/// order, defined once: the order of analysis.db's `virtual_retained` and of the slots N .. N+4 the dominator
/// phases and the snapshot's child index give them after the N objects.
/// </summary>
internal static class VirtualNodes
{
    /// <summary>How many virtual nodes there are.</summary>
    internal const int Count = 5;

    /// <summary>The buckets, as the super-root lists them (objects reached by more than one kind of root follow).</summary>
    internal static readonly ObjId[] Buckets = [ObjId.ModulesRoot, ObjId.ThreadStacksRoot, ObjId.HeldFromCRoot, ObjId.UnreachableRoot];

    /// <summary>A virtual node's index 0 .. <see cref="Count"/> - 1.</summary>
    internal static int Index(ObjId node) => node switch
    {
        ObjId.SuperRoot => 0,
        ObjId.ModulesRoot => 1,
        ObjId.ThreadStacksRoot => 2,
        ObjId.UnreachableRoot => 3,
        ObjId.HeldFromCRoot => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "not an object or virtual node"),
    };

    /// <summary>The virtual node at <paramref name="index"/>.</summary>
    internal static ObjId Id(int index) => index switch
    {
        0 => ObjId.SuperRoot,
        1 => ObjId.ModulesRoot,
        2 => ObjId.ThreadStacksRoot,
        3 => ObjId.UnreachableRoot,
        4 => ObjId.HeldFromCRoot,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "not a virtual node's index"),
    };

    /// <summary>Whether <paramref name="node"/> is one of the buckets.</summary>
    internal static bool IsBucket(ObjId node) => node is ObjId.ModulesRoot or ObjId.ThreadStacksRoot or ObjId.UnreachableRoot or ObjId.HeldFromCRoot;
}
