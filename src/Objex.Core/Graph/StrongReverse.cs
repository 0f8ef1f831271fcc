using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Graph;

/// <summary>
/// Who holds each object in a way that keeps it alive: reverse adjacency over the edges that
/// retain, as offsets (N + 1) and referrer ids, built by counting sort in O(N + E).
/// Which edges retain is <see cref="RetentionRule"/>'s (strong ones; namespace ones only to an
/// object no strong edge points at; weak ones never), counting only the holders a root reaches
/// when the object has one: garbage that also holds an object (a cycle waiting for the
/// collector, with a reference to a module's globals) does not take it from its live owner,
/// since the collector frees the garbage and the object stays. "A root reaches" is a BFS from the
/// modules, the stack frames and the objects held from C (references the dump could not see) over
/// strong and namespace edges (one more pass, 1 bit per object).
/// No edge retains a root (a module, a frame on a thread's stack): roots are alive because
/// they are roots, so a module reached through <c>sys.modules</c> from a running frame is still
/// the modules bucket's, and a frame's caller (its <c>.f_back</c>) is its thread's, not its own.
/// Duplicate referrers are kept (harmless for dominators). 5 B per object + 4 B per edge.
/// </summary>
internal sealed class StrongReverse
{
    private const byte StrongHeld = 1;
    private const byte Root = 2;
    private const byte Rooted = 4;            // a root reaches it
    private const byte RootedHolder = 8;      // a holder a root reaches may keep it
    private const byte RootedStrongHeld = 16; // a holder a root reaches holds it strongly

    private readonly byte[] _flags;

    private StrongReverse(int[] offsets, ObjId[] sources, byte[] flags)
    {
        Offsets = offsets;
        Sources = sources;
        _flags = flags;
    }

    internal int[] Offsets { get; }

    internal ObjId[] Sources { get; }

    internal int InDegree(ObjId node) => Offsets[(int)node + 1] - Offsets[(int)node];

    internal ReadOnlySpan<ObjId> Referrers(ObjId node) => Sources.AsSpan(Offsets[(int)node], InDegree(node));

    /// <summary>Whether an edge of <paramref name="kind"/> from <paramref name="source"/> to <paramref name="target"/> keeps it alive (see the class summary).</summary>
    internal bool Retains(byte kind, int source, int target)
    {
        var flags = _flags[target];
        if ((flags & Root) != 0 || ((flags & RootedHolder) != 0 && (_flags[source] & Rooted) == 0))
        {
            return false;
        }

        var held = (flags & RootedHolder) != 0 ? RootedStrongHeld : StrongHeld;
        return RetentionRule.Retains((EdgeKind)kind, (flags & held) != 0);
    }

    /// <param name="unseen">References the dump could not see, per object (empty: none): an object held from C is alive, so what it holds is held by a live holder too.</param>
    internal static StrongReverse Build(HeapGraph graph, ReadOnlySpan<ObjId> modules, ReadOnlySpan<ObjId> stackFrames, ReadOnlySpan<int> unseen)
    {
        var nodeCount = graph.NodeCount;
        var fwd = graph.FwdOffsets;
        ReadOnlySpan<int> targets = MemoryMarshal.Cast<ObjId, int>(graph.FwdTargets);
        var kinds = graph.EdgeKind;
        var flags = new byte[nodeCount];
        for (var e = 0; e < targets.Length; e++)
        {
            if (RetentionRule.HoldsStrongly((EdgeKind)kinds[e]))
            {
                flags[targets[e]] = StrongHeld;
            }
        }

        foreach (var root in modules)
        {
            flags[(int)root] |= Root;
        }

        foreach (var root in stackFrames)
        {
            flags[(int)root] |= Root;
        }

        MarkRooted(graph, flags, modules, stackFrames, unseen);
        var reverse = new StrongReverse(new int[nodeCount + 1], [], flags);
        var offsets = reverse.Offsets;
        for (var node = 0; node < nodeCount; node++)
        {
            for (int e = fwd[node], end = fwd[node + 1]; e < end; e++)
            {
                if (reverse.Retains(kinds[e], node, targets[e]))
                {
                    offsets[targets[e] + 1]++;
                }
            }
        }

        for (var i = 0; i < nodeCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var sources = GC.AllocateUninitializedArray<ObjId>(offsets[nodeCount]);
        var next = GC.AllocateUninitializedArray<int>(nodeCount);
        offsets.AsSpan(0, nodeCount).CopyTo(next);
        for (var node = 0; node < nodeCount; node++)
        {
            for (int e = fwd[node], end = fwd[node + 1]; e < end; e++)
            {
                if (reverse.Retains(kinds[e], node, targets[e]))
                {
                    sources[next[targets[e]]++] = (ObjId)node;
                }
            }
        }

        return new StrongReverse(offsets, sources, flags);
    }

    /// <summary>
    /// Flags what a root reaches over edges that may retain (strong and namespace ones), by an
    /// iterative BFS (a queue of ids, 4 B per object), then each object's holders that a root reaches.
    /// </summary>
    private static void MarkRooted(HeapGraph graph, byte[] flags, ReadOnlySpan<ObjId> modules, ReadOnlySpan<ObjId> stackFrames, ReadOnlySpan<int> unseen)
    {
        var fwd = graph.FwdOffsets;
        ReadOnlySpan<int> targets = MemoryMarshal.Cast<ObjId, int>(graph.FwdTargets);
        var kinds = graph.EdgeKind;
        var queue = GC.AllocateUninitializedArray<int>(flags.Length);
        var tail = Seed(modules, flags, queue, 0);
        tail = Seed(stackFrames, flags, queue, tail);
        for (var node = 0; node < unseen.Length; node++)
        {
            if (unseen[node] > 0 && (flags[node] & Rooted) == 0)
            {
                flags[node] |= Rooted;
                queue[tail++] = node;
            }
        }
        for (var head = 0; head < tail; head++)
        {
            var node = queue[head];
            for (int e = fwd[node], end = fwd[node + 1]; e < end; e++)
            {
                var kind = (EdgeKind)kinds[e];
                if (!RetentionRule.Retains(kind, targetHeldStrongly: false))
                {
                    continue;
                }

                var target = targets[e];
                flags[target] |= RetentionRule.HoldsStrongly(kind) ? (byte)(RootedHolder | RootedStrongHeld) : RootedHolder;
                if ((flags[target] & Rooted) == 0)
                {
                    flags[target] |= Rooted;
                    queue[tail++] = target;
                }
            }
        }
    }

    private static int Seed(ReadOnlySpan<ObjId> roots, byte[] flags, int[] queue, int tail)
    {
        foreach (var root in roots)
        {
            if ((flags[(int)root] & Rooted) == 0)
            {
                flags[(int)root] |= Rooted;
                queue[tail++] = (int)root;
            }
        }

        return tail;
    }
}
