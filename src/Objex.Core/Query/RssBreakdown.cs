namespace Objex.Query;

/// <summary>
/// The process's resident memory when the dump started, split so that the parts add up to it: Python objects,
/// their external buffers, allocator free space, interpreter and native heap, code and shared libraries,
/// thread stacks, and what is still unknown. Computed by <see cref="QuerySession.Rss"/>.
/// </summary>
/// <param name="TotalBytes">RSS: the resident bytes of every mapping (<c>/proc/self/smaps</c>).</param>
/// <param name="Parts">The parts in a fixed order, <c>unknown</c> last; their bytes sum to <see cref="TotalBytes"/>.</param>
/// <param name="AllocatorFreeReportedBytes">Free space the allocators report (pymalloc's free blocks, pools and free lists, glibc's free chunks), resident or not; the part counts what fits in the anonymous memory.</param>
/// <param name="MallocReleasableBytes">What <c>malloc_trim</c> could return from the top of glibc's main heap (<c>keepcost</c>).</param>
/// <param name="Advice">What would give free space back, when it is large; empty otherwise.</param>
public sealed record RssBreakdown(
    long TotalBytes,
    IReadOnlyList<RssPart> Parts,
    long AllocatorFreeReportedBytes,
    long MallocReleasableBytes,
    IReadOnlyList<string> Advice)
{
    /// <summary>The part named <paramref name="key"/>'s bytes.</summary>
    public long Bytes(string key)
    {
        foreach (var part in Parts)
        {
            if (part.Key == key)
            {
                return part.Bytes;
            }
        }

        throw new ArgumentException($"no RSS part named {key}", nameof(key));
    }

    /// <summary>The part that is still unknown.</summary>
    public long UnknownBytes => Bytes(RssAccounting.Unknown);
}
