using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// MAT's leak suspects over the stored dominator tree. Phase 1 (<see cref="TopLevel"/>): from the super-root down,
/// look through what every heap has at its top and is only plumbing (buckets, modules and their <c>__dict__</c>,
/// classes and theirs, functions with their closure cells and defaults, code, frames), so the first objects
/// met are the real containers: the top-level retainers. One with at least the threshold is a single suspect;
/// phase 2 (<see cref="AccumulationPoint"/>) walks it down to where its size spreads over many children. Top-level
/// retainers no container holds (garbage and held-from-C entries, frame locals, what several kinds of root keep)
/// are also tallied by type: many small ones that pass the threshold together are a group suspect (40,000
/// exceptions each in its own garbage cycle with its traceback). Module globals and class attributes are left
/// out of groups: they are the program's fixed structure, and all the strs and tuples code objects keep would
/// otherwise make a group of every healthy heap.
/// Cost: O(objects under plumbing + descent depth), one dictionary entry per type, nothing per object (a 10 M
/// heap has some 10^5 objects under plumbing); no recursion (the walk keeps its own stack, the descent is a loop).
/// </summary>
internal static class SuspectFinder
{
    /// <summary>A single suspect's holder and accumulation point, or a group's largest member (both) with its count.</summary>
    internal readonly record struct Candidate(SuspectKind Kind, ObjId Holder, ObjId Point, long Retained, long Count, ObjId Bucket);

    private readonly record struct Tally(long Count, long Retained, ObjId Largest, ObjId Bucket);

    internal static List<Candidate> Find(HeapSnapshot snapshot, long threshold, double descentShare, CancellationToken cancellationToken)
    {
        var candidates = new List<Candidate>();
        var groups = new Dictionary<ObjId, Tally>();
        TopLevel(snapshot, cancellationToken, (node, bucket, groupable) =>
        {
            var retained = snapshot.RetainedSize(node);
            if (retained >= threshold)
            {
                candidates.Add(new Candidate(SuspectKind.Single, node, AccumulationPoint(snapshot, node, descentShare, cancellationToken), retained, 1, bucket));
            }
            else if (groupable)
            {
                var type = snapshot.TypeOf(node);
                var tally = groups.GetValueOrDefault(type);
                var largest = tally.Count == 0 || retained > snapshot.RetainedSize(tally.Largest) ? node : tally.Largest;
                groups[type] = new Tally(tally.Count + 1, tally.Retained + retained, largest, tally.Count == 0 || tally.Bucket == bucket ? bucket : ObjId.SuperRoot);
            }
        });

        foreach (var (_, tally) in groups)
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
    /// Visits the top-level retainers, each with its bucket and whether it may join a group (no container holds it).
    /// Under the garbage and held-from-C buckets nothing is looked through: their entries are what the cycle or the
    /// C code holds, and an exception's cycle may be entered at its frame.
    /// </summary>
    internal static void TopLevel(HeapSnapshot snapshot, CancellationToken cancellationToken, Action<ObjId, ObjId, bool> visit)
    {
        var pending = new Stack<(ObjId Node, ObjId Bucket)>();
        pending.Push((ObjId.SuperRoot, ObjId.SuperRoot));
        var visited = 0;
        while (pending.TryPop(out var item))
        {
            if ((++visited & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (node, bucket) = item;
            var childBucket = VirtualNodes.IsBucket(node) ? node : bucket;
            var lookThrough = childBucket is not (ObjId.UnreachableRoot or ObjId.HeldFromCRoot);
            foreach (var child in snapshot.DominatedChildren(node))
            {
                if (VirtualNodes.IsBucket(child) || (lookThrough && IsPlumbing(snapshot, child, node)))
                {
                    pending.Push((child, childBucket));
                }
                else
                {
                    visit(child, childBucket, (int)node < 0 || snapshot.KindOf(node) == ObjKind.Frame);
                }
            }
        }
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
    /// What only routes to the data: a module, class, function, code object or frame, a module's or class's
    /// <c>__dict__</c>, a closure cell, and a function's closure or defaults tuple and <c>__dict__</c>.
    /// </summary>
    private static bool IsPlumbing(HeapSnapshot snapshot, ObjId obj, ObjId dominator)
    {
        if (snapshot.KindOf(obj) is ObjKind.Module or ObjKind.Frame or ObjKind.Type or ObjKind.Code or ObjKind.Function)
        {
            return true;
        }

        var typeName = snapshot.TypeName(snapshot.TypeOf(obj));
        if (typeName == "cell")
        {
            return true;
        }

        if ((int)dominator < 0)
        {
            return false;
        }

        return snapshot.KindOf(dominator) switch
        {
            ObjKind.Function => typeName is "tuple" or "dict",
            ObjKind.Module or ObjKind.Type => typeName == "dict" && RetainedSizeMeasure.IsDictOf(snapshot, dominator, obj),
            _ => false,
        };
    }
}
