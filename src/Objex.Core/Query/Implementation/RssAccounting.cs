using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Makes the RSS breakdown from the collector's measurements (<see cref="MemoryFacts"/>) and the objects' sizes.
/// The mappings give four measured totals (file-backed, thread stacks, shared anonymous, private anonymous);
/// the allocators' statistics say how the anonymous memory divides. Python objects and their heap buffers come
/// first; the interpreter and native heap is what the allocators have in use beyond them; free space is what
/// they hold free, counted only as far as the anonymous memory has room (free pages never touched, or given
/// back, are not resident); unknown is what is left. A figure the dump did not record counts as 0, so the
/// parts always sum to RSS; where the objects' sizes exceed the anonymous memory (static objects live in the
/// interpreter's file mapping), unknown is negative and says so.
/// </summary>
internal static class RssAccounting
{
    internal const string PythonObjects = "python_objects";
    internal const string ExternalBuffers = "external_buffers";
    internal const string AllocatorFree = "allocator_free";
    internal const string NativeHeap = "native_heap";
    internal const string CodeAndLibraries = "code_and_libraries";
    internal const string ThreadStacks = "thread_stacks";
    internal const string Unknown = "unknown";

    // Free space worth a word of advice: this share of RSS, or this many bytes.
    private const double LargeFreeShare = 0.10;
    private const long LargeFreeBytes = 64L << 20;

    internal static RssBreakdown Compute(MemoryFacts facts, long objectBytes)
    {
        var file = facts.Value("maps.file");
        var stacks = facts.Value("maps.stack");
        var shmem = facts.Value("maps.shmem");
        var anon = facts.Value("maps.anon");
        var total = file + stacks + shmem + anon;
        if (total == 0)
        {
            total = facts.Value("smaps_rollup.Rss");   // no per-mapping figures: the total alone
        }

        var externalHeap = facts.External("heap");
        var externalMapped = facts.External("file") + facts.External("shmem") + facts.External("anon");
        var code = Math.Max(0, file - facts.External("file"));
        var objects = Math.Max(0, objectBytes - externalHeap - externalMapped);

        // what the allocators can account for: private anonymous memory and shared memory no object owns
        var anonymous = Math.Max(0, total - code - stacks - externalMapped);
        var inUse = facts.Value("pymalloc.allocated_blocks") + facts.Value("malloc.in_use") + facts.Value("malloc.mmapped");
        var freeLists = facts.Value("pymalloc.freelists");
        var native = Math.Max(0, inUse - objects - externalHeap - freeLists);
        var room = anonymous - objects - externalHeap;
        native = Math.Clamp(native, 0, Math.Max(0, room));
        var pymallocFree = facts.Value("pymalloc.available_blocks") + facts.Value("pymalloc.unused_pools")
            + facts.Value("pymalloc.pool_headers") + facts.Value("pymalloc.quantization") + freeLists;
        var mallocFree = facts.Value("malloc.free");
        var freeReported = pymallocFree + mallocFree;
        var free = Math.Clamp(freeReported, 0, Math.Max(0, room - native));
        var unknown = room - native - free;

        var parts = new List<RssPart>
        {
            new(PythonObjects, "Python objects", "objects", objects, "the dump's objects' sizes"),
            new(ExternalBuffers, "their external buffers", "buffers", externalHeap + externalMapped, "buffers objects own outside __sizeof__ (mmap, StringIO)"),
            new(AllocatorFree, "allocator free space", "free", free, "pymalloc free blocks, pools and free lists; glibc free chunks"),
            new(NativeHeap, "interpreter & native heap", "native", native, "allocated beyond the objects (interpreter, C extensions)"),
            new(CodeAndLibraries, "code & shared libraries", "code", code, "file-backed mappings"),
            new(ThreadStacks, "thread stacks", "stacks", stacks, "the main stack and every thread's"),
            new(Unknown, "unknown", "unknown", unknown, "anonymous memory no allocator accounts for"),
        };
        var releasable = facts.Value("malloc.releasable");
        return new RssBreakdown(total, parts, freeReported, releasable, Advise(total, free, pymallocFree, mallocFree, facts));
    }

    private static List<string> Advise(long total, long free, long pymallocFree, long mallocFree, MemoryFacts facts)
    {
        var advice = new List<string>();
        if (free < LargeFreeBytes && free < LargeFreeShare * total)
        {
            return advice;
        }

        if (mallocFree >= pymallocFree)
        {
            advice.Add($"glibc holds {ByteSize.Format(mallocFree)} in free chunks: ctypes.CDLL(None).malloc_trim(0) returns free pages to the system; MALLOC_ARENA_MAX=2 limits the per-thread arenas that each keep their own free space");
        }
        else
        {
            advice.Add($"pymalloc holds {ByteSize.Format(pymallocFree)} free in {facts.Value("pymalloc.arenas"):N0} arenas (an arena goes back to the system only when all its pools are free): PYTHONMALLOC=malloc hands small objects to glibc, whose free pages malloc_trim can return");
        }

        return advice;
    }
}
