using System.Runtime.InteropServices;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Groups objects by their normalised root path (<see cref="RootPathNormaliser"/>) and a node's dominator-tree
/// children by type and path below it. Accumulators are per group, nothing per object.
/// </summary>
internal static class PathGrouping
{
    /// <summary>One group being counted: its objects, bytes, and the largest of them (ties: lowest id).</summary>
    internal record struct Tally(long Count, long Shallow, long Retained, ObjId Sample)
    {
        /// <summary>Counts <paramref name="obj"/>, adding <paramref name="retained"/> bytes; it becomes the sample if it retains most.</summary>
        internal void Add(HeapSnapshot snapshot, ObjId obj, long retained, bool first)
        {
            var size = snapshot.RetainedSize(obj);
            if (first || size > snapshot.RetainedSize(Sample) || (size == snapshot.RetainedSize(Sample) && obj < Sample))
            {
                Sample = obj;
            }

            Count++;
            Shallow += snapshot.ShallowSize(obj);
            Retained += retained;
        }
    }

    /// <summary>
    /// Tallies <paramref name="objects"/> by path node. An object kept alive by another of them adds no retained
    /// bytes (the other's retained size holds them): found by walking each one's dominator chain up to the first
    /// object of the set, or to one already walked (memoised in <paramref name="stamps"/>), so O(objects + the
    /// distinct dominators above them).
    /// </summary>
    internal static Dictionary<int, Tally> ByPath(
        HeapSnapshot snapshot, RootPathNormaliser normaliser, VisitStamps stamps, IReadOnlyList<ObjId> objects, CancellationToken cancellationToken)
    {
        const int Member = 1, Below = 2, NotBelow = 3;
        normaliser.Prepare(objects, cancellationToken);
        stamps.Reset();
        foreach (var obj in objects)
        {
            stamps.Stamp((int)obj, Member);
        }

        var walked = new List<int>();
        var groups = new Dictionary<int, Tally>();
        for (var i = 0; i < objects.Count; i++)
        {
            if ((i & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var obj = objects[i];
            walked.Clear();
            var state = NotBelow;
            for (var up = snapshot.ImmediateDominator(obj); (int)up >= 0; up = snapshot.ImmediateDominator(up))
            {
                if (stamps.IsVisited((int)up))
                {
                    state = stamps.Via((int)up) == NotBelow ? NotBelow : Below;
                    break;
                }

                walked.Add((int)up);
            }

            foreach (var w in walked)
            {
                stamps.Stamp(w, state);
            }

            ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, normaliser.NodeOf(obj), out var exists);
            tally.Add(snapshot, obj, state == Below ? 0 : snapshot.RetainedSize(obj), first: !exists);
        }

        return groups;
    }

    /// <summary>
    /// A node's dominator-tree children by (type, normalised path below the node), most retained first.
    /// A path is named once per distinct path node, not per child.
    /// </summary>
    internal static List<(ObjId Type, string? Below, Tally Tally)> Children(
        HeapSnapshot snapshot, RootPathNormaliser normaliser, ObjId node, CancellationToken cancellationToken)
    {
        var children = snapshot.DominatedChildren(node);
        normaliser.Prepare([node, .. children], cancellationToken);
        var nodePath = normaliser.NodeOf(node);
        var below = new Dictionary<int, string?>();
        var groups = new Dictionary<(ObjId Type, string Below), Tally>();
        for (var i = 0; i < children.Length; i++)
        {
            if ((i & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var child = children[i];
            var childPath = normaliser.NodeOf(child);
            if (!below.TryGetValue(childPath, out var text))
            {
                text = normaliser.Nodes.TextBelow(childPath, nodePath);
                below[childPath] = text;
            }

            ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, (snapshot.TypeOf(child), text ?? ""), out var exists);
            tally.Add(snapshot, child, snapshot.RetainedSize(child), first: !exists);
        }

        var list = new List<(ObjId Type, string? Below, Tally Tally)>(groups.Count);
        foreach (var ((type, text), tally) in groups)
        {
            list.Add((type, text.Length == 0 ? null : text, tally));
        }

        list.Sort((a, b) => a.Tally.Retained != b.Tally.Retained ? b.Tally.Retained.CompareTo(a.Tally.Retained)
            : a.Tally.Count != b.Tally.Count ? b.Tally.Count.CompareTo(a.Tally.Count)
            : a.Type != b.Type ? a.Type.CompareTo(b.Type)
            : string.CompareOrdinal(a.Below, b.Below));
        return list;
    }
}
