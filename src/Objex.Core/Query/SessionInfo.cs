namespace Objex.Query;

/// <summary>What the banner says about the heap being explored.</summary>
/// <param name="DumpName">The file name of the dump the analysis was made from (or of the analysis db when unknown).</param>
/// <param name="Hostname">Where the dump was taken.</param>
/// <param name="Timestamp">When the dump was taken, <c>YYYY-MM-DD HH:MM:SS</c>.</param>
/// <param name="MemoryMiB">The process's RSS in MiB: the peak, else the RSS when the dump started (<see cref="QuerySession.RssFigure"/>).</param>
/// <param name="FoundBytes">Sum of the shallow sizes of every object found.</param>
/// <param name="ObjectCount">Number of objects in the dump.</param>
/// <param name="ReferenceCount">Number of references in the dump.</param>
public sealed record SessionInfo(
    string DumpName,
    string Hostname,
    string Timestamp,
    double MemoryMiB,
    long FoundBytes,
    int ObjectCount,
    long ReferenceCount)
{
    /// <summary>The bytes found as MiB.</summary>
    public double FoundMiB => FoundBytes / 1024.0 / 1024.0;

    /// <summary>The share of peak RSS that the objects found account for, in percent (0 when RSS is unknown).</summary>
    public double FoundPercent => MemoryMiB > 0 ? 100.0 * FoundMiB / MemoryMiB : 0;
}
