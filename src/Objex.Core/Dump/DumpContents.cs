using Objex.Graph;

namespace Objex.Dump;

/// <summary>Everything the analysis reads from a dump: the graph plus the few facts the SQL additions need.</summary>
internal sealed class DumpContents
{
    internal required HeapGraph Graph { get; init; }

    /// <summary>Rows in the dump's `reference` table.</summary>
    internal required long ReferenceRows { get; init; }

    /// <summary>References whose src or dst names no object (not edges).</summary>
    internal required long DanglingReferences { get; init; }

    /// <summary>Module objects (sources of the module tree).</summary>
    internal required int[] Modules { get; init; }

    /// <summary>Frames on thread stacks: each thread's top frame and its `f_back` chain.</summary>
    internal required int[] StackFrames { get; init; }

    /// <summary>Every frame object in `pyframe`.</summary>
    internal required int[] Frames { get; init; }

    /// <summary>Objects that already have a `.__class__` reference to their type.</summary>
    internal required int[] ObjectsWithClassReference { get; init; }

    /// <summary>(owner, dict) for every `.__dict__` reference.</summary>
    internal required (int Owner, int Dict)[] DictOwners { get; init; }

    /// <summary>The refcount of immortal objects, or null.</summary>
    internal required long? ImmortalRefcount { get; init; }

    internal required long ImmortalObjectCount { get; init; }

    /// <summary>True when `reference` has the `kind` column (this project's dumps).</summary>
    internal required bool ReferenceHasKind { get; init; }
}
