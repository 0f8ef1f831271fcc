using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Graph;

/// <summary>
/// Per object, the references its refcount counts that the dump could not see: refcount minus
/// the references found pointing at it. Found are the edges that hold a refcount (strong and
/// namespace; a weak reference holds none) and the type relation (every object holds its type,
/// recorded as a `.__class__` edge or only as `object.pytype`). What is left is held by C code:
/// an `atexit` callback list, a C extension's state, a running frame's value stack, an object
/// the collector does not record. Immortal objects (3.12+: the refcount is a marker, not a
/// count) and objects whose references the dump counts more than their refcount (a static type:
/// its instances hold no reference to it) have 0. O(N + E), in place in the one array it returns.
/// </summary>
internal static class UnseenReferences
{
    /// <summary>What <see cref="Compute"/> takes as the refcount of an object it must not count (immortal).</summary>
    internal const int Immortal = int.MinValue / 2;

    /// <summary>
    /// Unseen references per object, from <paramref name="refcount"/> (the dump's, with the collector's own
    /// references taken off; <see cref="Immortal"/> for an immortal object), which becomes the answer; all 0 when
    /// <paramref name="refcount"/> is null (a dump whose refcounts mean nothing here).
    /// </summary>
    internal static int[] Compute(HeapGraph graph, int[]? refcount, ReadOnlySpan<ObjId> objectsWithClassReference)
    {
        if (refcount is null)
        {
            return new int[graph.NodeCount];
        }

        var n = graph.NodeCount;
        var unseen = refcount;
        ReadOnlySpan<int> targets = MemoryMarshal.Cast<ObjId, int>(graph.FwdTargets);
        var kinds = graph.EdgeKind;
        for (var e = 0; e < targets.Length; e++)
        {
            if ((EdgeKind)kinds[e] != EdgeKind.Weak)
            {
                unseen[targets[e]]--;
            }
        }

        // Every object holds its type; the ones with a `.__class__` edge were counted above already.
        ReadOnlySpan<int> types = MemoryMarshal.Cast<ObjId, int>(graph.ObjType);
        for (var obj = 0; obj < n; obj++)
        {
            if ((uint)types[obj] < (uint)n)
            {
                unseen[types[obj]]--;
            }
        }

        foreach (var obj in objectsWithClassReference)
        {
            unseen[(int)graph.ObjType[(int)obj]]++;
        }

        // An immortal marker stays below zero, and clear of overflow, after fewer than 2^30 decrements (references to it).
        for (var obj = 0; obj < n; obj++)
        {
            if (unseen[obj] < 0)
            {
                unseen[obj] = 0;
            }
        }

        return unseen;
    }
}
