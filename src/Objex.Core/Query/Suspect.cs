namespace Objex.Query;

/// <summary>How a suspect holds its memory.</summary>
public enum SuspectKind
{
    /// <summary>One object retains a threshold share of the heap (a cache, a registry, a buffer).</summary>
    Single,

    /// <summary>Many small objects of one type, each kept alive on its own (no container holds them all), together pass the threshold.</summary>
    Group,
}

/// <summary>
/// One leak suspect of <see cref="QuerySession.Suspects"/>: where memory accumulates, what accumulates there, and how it is held.
/// </summary>
/// <param name="Kind">One holder, or many alike.</param>
/// <param name="Holder">The top-level retainer: for <see cref="SuspectKind.Single"/> the container nothing but roots and
/// plumbing (module, class, function, frame) keeps alive; for a group, its largest member.</param>
/// <param name="AccumulationPoint">Where the retained size spreads over many children: reached from the holder by going down to
/// the largest dominated child while it keeps at least <see cref="QuerySession.SuspectDescentShare"/> of its parent (a group: its largest member).</param>
/// <param name="RetainedBytes">What the holder retains (a group: its members together).</param>
/// <param name="HeapShare">That as a share of the whole heap, 0..1.</param>
/// <param name="Count">A group's members (a single suspect: 1).</param>
/// <param name="Bucket">The dominator-tree bucket the holder lies under (modules, thread stacks, held from C, garbage; the super-root when several kinds of root keep it).</param>
/// <param name="Where">Where the accumulation point is held, indexes and keys collapsed (a group: where its largest member is).</param>
/// <param name="RootPath">The accumulation point's root path as <c>in</c> prints it first; null when no module or frame reaches it.</param>
/// <param name="Accumulated">What the accumulation point keeps alive directly, grouped by type (with the path below it of the type's sample), most retained first
/// (a group: its members, as one group).</param>
/// <param name="SamplePaths">One or two reference paths from the accumulation point to an accumulated object.</param>
/// <param name="Thread">For an object a thread's stack holds: the thread, the frame and the local.</param>
public sealed record Suspect(
    SuspectKind Kind,
    ObjectSummary Holder,
    ObjectSummary AccumulationPoint,
    long RetainedBytes,
    double HeapShare,
    long Count,
    Snapshot.ObjId Bucket,
    NormalisedRootPath Where,
    RootPath? RootPath,
    IReadOnlyList<KeptGroup> Accumulated,
    IReadOnlyList<RootPath> SamplePaths,
    SuspectThread? Thread)
{
    /// <summary>
    /// Where the accumulated objects of the growing type (<see cref="Accumulated"/>'s first group; a group suspect: its
    /// members' type under its bucket) that the accumulation point keeps alive were allocated, when the heap has
    /// allocation sites; else null (and left out of JSON).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SiteBreakdown? AllocatedAt { get; init; }

    /// <summary>
    /// The finding in words: <c>&lt;module app.cache&gt;.REGISTRY (dict) holds 3,400 × app.Order (1.2 GiB, 61% of the heap)</c>;
    /// a group: <c>40,000 × traceback, each kept alive on its own (garbage), hold 12 MiB (…)</c>.
    /// </summary>
    public string Description
    {
        get
        {
            var share = ShareText(HeapShare);
            if (Kind == SuspectKind.Group)
            {
                return $"{Count:N0} × {Holder.TypeName}, each kept alive on its own ({BucketText(Bucket)}), hold {ByteSize.Format(RetainedBytes)} ({share} of the heap)";
            }

            var what = Accumulated.Count > 0 ? $"{Accumulated[0].Count:N0} × {Accumulated[0].TypeName}" : "its own bytes";
            var bytes = Accumulated.Count > 0 ? Accumulated[0].RetainedBytes : AccumulationPoint.Size;
            return $"{Where.Text} ({AccumulationPoint.TypeName}) holds {what} ({ByteSize.Format(bytes)}, {ShareText(HeapShare * bytes / Math.Max(1, RetainedBytes))} of the heap)";
        }
    }

    /// <summary>A share as people read it: <c>61%</c>, <c>0.4%</c>.</summary>
    public static string ShareText(double share) => (share * 100).ToString(share >= 0.1 ? "0'%'" : "0.0'%'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A bucket in words.</summary>
    public static string BucketText(Snapshot.ObjId bucket) => bucket switch
    {
        Snapshot.ObjId.ModulesRoot => "held from modules",
        Snapshot.ObjId.ThreadStacksRoot => "held from thread stacks",
        Snapshot.ObjId.HeldFromCRoot => "held from C",
        Snapshot.ObjId.UnreachableRoot => "garbage: reference cycles waiting for the collector",
        _ => "held from more than one kind of root",
    };
}

/// <summary>The thread, frame and local that hold a suspect on a thread's stack.</summary>
/// <param name="ThreadName">The thread's name (or its ident when it has none).</param>
/// <param name="Frame">The frame whose local holds it.</param>
/// <param name="Local">The local's name, when the path's first step is one.</param>
public sealed record SuspectThread(string ThreadName, ObjectSummary Frame, string? Local);

/// <summary>
/// What <see cref="QuerySession.Suspects"/> found: the suspects, largest first, and the memory kept by what is no container
/// (garbage cycles, thread stacks), stated whether or not it passes the threshold.
/// </summary>
/// <param name="HeapBytes">The whole heap's shallow bytes.</param>
/// <param name="Threshold">The share of the heap a suspect retains at least, 0..1.</param>
/// <param name="Suspects">Largest first.</param>
/// <param name="Garbage">Unreachable garbage still using memory, with its main types.</param>
/// <param name="ThreadStacksBytes">What only thread stacks keep alive.</param>
public sealed record SuspectReport(long HeapBytes, double Threshold, IReadOnlyList<Suspect> Suspects, BucketTotals Garbage, long ThreadStacksBytes);
