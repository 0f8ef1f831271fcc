using System.Numerics;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Which objects of the later dump of a <see cref="HeapDiff"/> are new since the earlier one: a bitset over B's ids
/// (1 bit per object: 125 KiB at a million), filled once from the diff's matching by address, type and size, so
/// "is this object new?" is one array read wherever a face labels an object.
/// </summary>
public sealed class NewObjectSet
{
    private readonly ulong[] _bits;
    private readonly int _capacity;

    private NewObjectSet(int capacity)
    {
        _capacity = capacity;
        _bits = new ulong[(capacity + 63) >> 6];
    }

    /// <summary>No object is new (a set over no ids).</summary>
    public static NewObjectSet Empty { get; } = new(0);

    /// <summary>Objects marked new.</summary>
    public int Count { get; private set; }

    /// <summary>True when <paramref name="id"/> is an object of B that A did not have; false for any other id.</summary>
    public bool Contains(ObjId id) => (uint)id < (uint)_capacity && (_bits[(int)id >> 6] & (1UL << (int)id)) != 0;

    /// <summary>
    /// The set from a matching: <paramref name="matchOfB"/> holds each object of B's match in A, or -1 for a new one;
    /// null when nothing was matched (<c>--force</c>), where every object of B counts as new.
    /// </summary>
    internal static NewObjectSet FromMatching(int objectsOfB, int[]? matchOfB)
    {
        var set = new NewObjectSet(objectsOfB);
        var bits = set._bits;
        if (matchOfB is null)
        {
            Array.Fill(bits, ulong.MaxValue);
            if ((objectsOfB & 63) != 0)
            {
                bits[^1] = (1UL << (objectsOfB & 63)) - 1;
            }
        }
        else
        {
            for (var i = 0; i < matchOfB.Length; i++)
            {
                if (matchOfB[i] < 0)
                {
                    bits[i >> 6] |= 1UL << i;
                }
            }
        }

        foreach (var word in bits)
        {
            set.Count += BitOperations.PopCount(word);
        }

        return set;
    }
}
