using System.Runtime.CompilerServices;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>What a type's instances are to <see cref="SuspectFinder"/>'s plumbing rule.</summary>
internal enum TypeRole : byte
{
    /// <summary>Data: never looked through.</summary>
    Other,

    /// <summary>A closure cell: always looked through.</summary>
    Cell,

    /// <summary>A tuple: looked through under a function (its closure or defaults).</summary>
    Tuple,

    /// <summary>A dict: looked through under a function, and as a module's or class's <c>__dict__</c>.</summary>
    Dict,
}

/// <summary>
/// <see cref="SuspectFinder"/>'s one entry per type met at the heap's top: its <see cref="TypeRole"/> (its name read
/// once, not once per object) and the tally of its top-level retainers that may form a group. A 10 M-object synthetic
/// heap has 6.8 M top-level retainers: each costs one probe of a direct-mapped cache of type ids (a heap's top is
/// mostly a few types), a dictionary lookup only when that misses, and no allocation.
/// </summary>
internal sealed class SuspectTypeTable(HeapSnapshot snapshot)
{
    // 4,096 lines (32 kB) hold every type of the test heaps and the common ones of a real heap.
    private const int CacheLines = 4096;

    private readonly Dictionary<ObjId, int> _slots = [];
    private readonly int[] _cachedType = NewCache();
    private readonly int[] _cachedSlot = new int[CacheLines];
    private Entry[] _entries = new Entry[64];
    private int _count;

    /// <summary>The entries so far, one per type.</summary>
    internal ReadOnlySpan<Entry> Tallies => _entries.AsSpan(0, _count);

    /// <summary>The entry of <paramref name="type"/>, made on first use. Valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref Entry Of(ObjId type)
    {
        var line = (int)type & (CacheLines - 1);
        if (_cachedType[line] == (int)type)
        {
            return ref _entries[_cachedSlot[line]];
        }

        return ref Miss(type, line);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref Entry Miss(ObjId type, int line)
    {
        if (!_slots.TryGetValue(type, out var slot))
        {
            slot = _count++;
            if (slot == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            _entries[slot] = new Entry
            {
                Role = snapshot.TypeName(type) switch
                {
                    "cell" => TypeRole.Cell,
                    "tuple" => TypeRole.Tuple,
                    "dict" => TypeRole.Dict,
                    _ => TypeRole.Other,
                },
            };
            _slots.Add(type, slot);
        }

        _cachedType[line] = (int)type;
        _cachedSlot[line] = slot;
        return ref _entries[slot];
    }

    private static int[] NewCache()
    {
        var cache = new int[CacheLines];
        cache.AsSpan().Fill(-1);
        return cache;
    }

    /// <summary>A type's role and its groupable top-level retainers: how many, their bytes, the largest, their bucket.</summary>
    internal struct Entry
    {
        internal TypeRole Role;
        internal long Count;
        internal long Retained;
        internal ObjId Largest;
        internal long LargestRetained;

        /// <summary>The bucket all of them lie under; the super-root once they lie under more than one.</summary>
        internal ObjId Bucket;

        internal void Add(ObjId obj, long retained, ObjId bucket)
        {
            if (Count == 0 || retained > LargestRetained)
            {
                (Largest, LargestRetained) = (obj, retained);
            }

            Bucket = Count == 0 || Bucket == bucket ? bucket : ObjId.SuperRoot;
            Count++;
            Retained += retained;
        }
    }
}
