namespace Objex.Query;

/// <summary>
/// The heap's two kinds of memory no module and no thread stack reaches, for the banner, <c>top retained</c>,
/// <c>root_summary</c> and the web's start page: what is held from C (references the dump could not see), and
/// garbage (reference cycles waiting for the collector, and what only they hold); plus the collector's state
/// when the dump was taken.
/// </summary>
/// <param name="HeldFromC">Objects no root reaches that references from C hold, and what only they keep alive.</param>
/// <param name="Garbage">Objects nothing but garbage reaches.</param>
/// <param name="TotalBytes">Shallow bytes of the whole heap.</param>
/// <param name="GcEnabled"><c>gc.isenabled()</c> in the program; null when the dump does not say (the original's dumps).</param>
/// <param name="GcThresholds"><c>gc.get_threshold()</c> as <c>[t0,t1,t2]</c>, when recorded.</param>
/// <param name="GcCounts"><c>gc.get_count()</c> as <c>[c0,c1,c2]</c>, when recorded.</param>
/// <param name="GcDisabledWithGarbage">
/// True when gc was disabled and the garbage is large (more than <see cref="LargeGarbageBytes"/> or
/// <see cref="LargeGarbageShare"/> of the heap): the faces warn.
/// </param>
public sealed record HeapTotals(
    BucketTotals HeldFromC,
    BucketTotals Garbage,
    long TotalBytes,
    bool? GcEnabled,
    string? GcThresholds,
    string? GcCounts,
    bool GcDisabledWithGarbage)
{
    /// <summary>Garbage above this many bytes is large.</summary>
    public const long LargeGarbageBytes = 1024 * 1024;

    /// <summary>Garbage above this share of the heap's bytes is large.</summary>
    public const double LargeGarbageShare = 0.01;
}
