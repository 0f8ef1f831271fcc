using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Dump;

/// <summary>Everything the analysis reads from a dump: the graph plus the few facts the SQL additions need.</summary>
internal sealed class DumpContents
{
    internal required HeapGraph Graph { get; init; }

    /// <summary>Rows in the dump's `reference` table.</summary>
    internal required long ReferenceRows { get; init; }

    /// <summary>References whose src or dst names no object (not edges).</summary>
    internal required long DanglingReferences { get; init; }

    /// <summary>References whose src or dst is NULL, text or a real number (skipped, not edges to object 0).</summary>
    internal required long NonIntegerReferences { get; init; }

    /// <summary>Objects whose size was NULL, text, a real number or negative: counted as 0 bytes.</summary>
    internal required long UnreadableSizes { get; init; }

    /// <summary>Objects whose size was larger than <see cref="SizeCap"/>: counted as that.</summary>
    internal required long CappedSizes { get; init; }

    /// <summary>The largest size an object is counted with: no sum of sizes (a retained size, a type's total) can then overflow.</summary>
    internal required long SizeCap { get; init; }

    /// <summary>Module objects (sources of the module tree).</summary>
    internal required ObjId[] Modules { get; init; }

    /// <summary>Frames on thread stacks: each thread's top frame and its `f_back` chain.</summary>
    internal required ObjId[] StackFrames { get; init; }

    /// <summary>Every frame object in `pyframe`.</summary>
    internal required ObjId[] Frames { get; init; }

    /// <summary>Objects that already have a `.__class__` reference to their type.</summary>
    internal required ObjId[] ObjectsWithClassReference { get; init; }

    /// <summary>(owner, dict) for every `.__dict__` reference.</summary>
    internal required (ObjId Owner, ObjId Dict)[] DictOwners { get; init; }

    /// <summary>The refcount of immortal objects, or null.</summary>
    internal required long? ImmortalRefcount { get; init; }

    internal required long ImmortalObjectCount { get; init; }

    /// <summary>True when `reference` has the `kind` column (this project's dumps).</summary>
    internal required bool ReferenceHasKind { get; init; }

    /// <summary>
    /// `object.refcount` per object (<see cref="UnseenReferences.Immortal"/> for an immortal one), or null for the
    /// original collector's dumps, whose refcounts include that collector's own references.
    /// </summary>
    internal required int[]? Refcount { get; init; }

    /// <summary>`object.address` per object, or null for the original collector's dumps, which record none.</summary>
    internal required long[]? Address { get; init; }
}
