using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// MAT's leak suspects over the stored dominator tree. Phase 1 (<see cref="Find"/>'s walk): from the super-root down,
/// look through what every heap has at its top and is only plumbing (buckets, modules and their <c>__dict__</c>,
/// classes and theirs, functions with their closure cells and defaults, code, frames), so the first objects
/// met are the real containers: the top-level retainers. One with at least the threshold is a single suspect;
/// phase 2 (<see cref="AccumulationPoint"/>) walks it down to where its size spreads over many children. Top-level
/// retainers no container holds (garbage and held-from-C entries, frame locals, what several kinds of root keep)
/// are also tallied by type: many small ones that pass the threshold together are a group suspect (40,000
/// exceptions each in its own garbage cycle with its traceback). Module globals and class attributes are left
/// out of groups: they are the program's fixed structure, and all the strs and tuples code objects keep would
/// otherwise make a group of every healthy heap.
/// Cost: O(top-level retainers + descent depth × children), one <see cref="SuspectTypeTable"/> entry per type and
/// nothing allocated per object (the synthetic 10 M-object heap of docs/benchmarks.md has 6.8 M top-level retainers:
/// its modules share most objects); no recursion (the walk keeps its own stack, the descent is a loop).
/// </summary>
internal static class SuspectFinder
{
    /// <summary>A single suspect's holder and accumulation point, or a group's largest member (both) with its count.</summary>
    internal readonly record struct Candidate(SuspectKind Kind, ObjId Holder, ObjId Point, long Retained, long Count, ObjId Bucket);

    internal static List<Candidate> Find(HeapSnapshot snapshot, long threshold, double descentShare, CancellationToken cancellationToken)
    {
        var candidates = new List<Candidate>();
        var types = new SuspectTypeTable(snapshot);
        var pending = new Stack<(ObjId Node, ObjId Bucket)>();
        pending.Push((ObjId.SuperRoot, ObjId.SuperRoot));
        var visited = 0;
        while (pending.TryPop(out var item))
        {
            var (node, bucket) = item;
            var childBucket = VirtualNodes.IsBucket(node) ? node : bucket;

            // Under the garbage and held-from-C buckets nothing is looked through: their entries are what the cycle or
            // the C code holds, and an exception's cycle may be entered at its frame.
            var lookThrough = childBucket is not (ObjId.UnreachableRoot or ObjId.HeldFromCRoot);
            var nodeKind = (int)node < 0 ? (ObjKind?)null : snapshot.KindOf(node);
            var groupable = nodeKind is null or ObjKind.Frame;
            foreach (var child in snapshot.DominatedChildren(node))
            {
                if ((++visited & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (VirtualNodes.IsBucket(child))
                {
                    pending.Push((child, childBucket));
                    continue;
                }

                var kind = snapshot.KindOf(child);
                if (lookThrough && kind is ObjKind.Module or ObjKind.Frame or ObjKind.Type or ObjKind.Code or ObjKind.Function)
                {
                    pending.Push((child, childBucket));
                    continue;
                }

                ref var type = ref types.Of(snapshot.TypeOf(child));
                if (lookThrough && IsPlumbing(snapshot, child, type.Role, node, nodeKind))
                {
                    pending.Push((child, childBucket));
                    continue;
                }

                // A top-level retainer: a single suspect, or one more of its type.
                var retained = snapshot.RetainedSize(child);
                if (retained >= threshold)
                {
                    candidates.Add(new Candidate(SuspectKind.Single, child, AccumulationPoint(snapshot, child, descentShare, cancellationToken), retained, 1, childBucket));
                }
                else if (groupable)
                {
                    type.Add(child, retained, childBucket);
                }
            }
        }

        foreach (var tally in types.Tallies)
        {
            if (tally.Count > 1 && tally.Retained >= threshold)
            {
                candidates.Add(new Candidate(SuspectKind.Group, tally.Largest, tally.Largest, tally.Retained, tally.Count, tally.Bucket));
            }
        }

        candidates.Sort((a, b) => a.Retained != b.Retained ? b.Retained.CompareTo(a.Retained) : a.Holder.CompareTo(b.Holder));
        return candidates;
    }

    /// <summary>
    /// From a holder down to its largest dominated child while that child keeps at least <paramref name="share"/> of
    /// its parent: where the size spreads over many children, the objects accumulate. O(depth × children).
    /// </summary>
    internal static ObjId AccumulationPoint(HeapSnapshot snapshot, ObjId holder, double share, CancellationToken cancellationToken)
    {
        var current = holder;
        for (var steps = 1; ; steps++)
        {
            if ((steps & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var largest = ObjId.None;
            var largestRetained = -1L;
            foreach (var child in snapshot.DominatedChildren(current))
            {
                var retained = snapshot.RetainedSize(child);
                if (retained > largestRetained || (retained == largestRetained && child < largest))
                {
                    (largest, largestRetained) = (child, retained);
                }
            }

            if (largest == ObjId.None || largestRetained < share * snapshot.RetainedSize(current))
            {
                return current;
            }

            current = largest;
        }
    }

    /// <summary>
    /// Past the plumbing kinds (module, class, function, code, frame): a closure cell, a function's closure or defaults
    /// tuple and <c>__dict__</c>, and a module's or class's <c>__dict__</c> only route to the data.
    /// </summary>
    private static bool IsPlumbing(HeapSnapshot snapshot, ObjId obj, TypeRole role, ObjId dominator, ObjKind? dominatorKind) =>
        role == TypeRole.Cell || (role != TypeRole.Other && dominatorKind switch
        {
            ObjKind.Function => true,
            ObjKind.Module or ObjKind.Type => role == TypeRole.Dict && RetainedSizeMeasure.IsDictOf(snapshot, dominator, obj),
            _ => false,
        });
}
