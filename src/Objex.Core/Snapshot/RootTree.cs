namespace Objex.Snapshot;

/// <summary>
/// A shortest-path tree grown by multi-source BFS over strong path references: from every
/// module (<see cref="HeapSnapshot.ModuleTree"/>) or from every thread stack / live frame
/// (<see cref="HeapSnapshot.FrameTree"/>). A root path is an O(depth) walk up the parent edges.
/// </summary>
public sealed class RootTree
{
    private readonly int[] _parentEdge;
    private readonly int[] _distance;
    private readonly int[] _edgeSource;

    internal RootTree(int[] parentEdge, int[] distance, int[] edgeSource)
    {
        _parentEdge = parentEdge;
        _distance = distance;
        _edgeSource = edgeSource;
    }

    /// <summary>True when some root reaches <paramref name="obj"/> (roots themselves included).</summary>
    public bool IsReachable(ObjId obj) => _distance[(int)obj] >= 0;

    /// <summary>True when <paramref name="obj"/> is one of the tree's sources.</summary>
    public bool IsRoot(ObjId obj) => _distance[(int)obj] == 0;

    /// <summary>References on the shortest path from a root; 0 for a root, -1 when unreachable.</summary>
    public int Distance(ObjId obj) => _distance[(int)obj];

    /// <summary>The reference from the parent toward the root; <see cref="EdgeId.None"/> for roots and unreachable objects.</summary>
    public EdgeId ParentEdge(ObjId obj) => (EdgeId)_parentEdge[(int)obj];

    /// <summary>The next object toward the root, or <see cref="ObjId.None"/>.</summary>
    public ObjId Parent(ObjId obj)
    {
        var edge = _parentEdge[(int)obj];
        return edge < 0 ? ObjId.None : (ObjId)_edgeSource[edge];
    }

    /// <summary>The root (module or frame) the shortest path starts from; <see cref="ObjId.None"/> when unreachable. O(depth).</summary>
    public ObjId Root(ObjId obj)
    {
        if (_distance[(int)obj] < 0)
        {
            return ObjId.None;
        }

        var current = (int)obj;
        while (_parentEdge[current] >= 0)
        {
            current = _edgeSource[_parentEdge[current]];
        }

        return (ObjId)current;
    }

    /// <summary>
    /// The edges of the shortest path, from the root's outgoing edge down to the edge into
    /// <paramref name="obj"/>; empty for roots and unreachable objects. O(depth).
    /// </summary>
    public EdgeId[] PathFromRoot(ObjId obj)
    {
        var depth = _distance[(int)obj];
        if (depth <= 0)
        {
            return [];
        }

        var path = new EdgeId[depth];
        var current = (int)obj;
        for (var i = depth - 1; i >= 0; i--)
        {
            var edge = _parentEdge[current];
            path[i] = (EdgeId)edge;
            current = _edgeSource[edge];
        }

        return path;
    }

    /// <summary>
    /// References <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> - 1 of the shortest
    /// path (clipped to its length), root side first: an O(depth) walk up that keeps only the slice, so the two ends
    /// of a 600,000-long path cost no array of its length.
    /// </summary>
    public EdgeId[] PathSlice(ObjId obj, int offset, int count)
    {
        var depth = _distance[(int)obj];
        var end = (int)Math.Min((long)offset + count, depth);
        if (depth <= 0 || offset < 0 || offset >= end)
        {
            return [];
        }

        var slice = new EdgeId[end - offset];
        var current = (int)obj;
        for (var i = depth - 1; i >= offset; i--)
        {
            var edge = _parentEdge[current];
            if (i < end)
            {
                slice[i - offset] = (EdgeId)edge;
            }

            current = _edgeSource[edge];
        }

        return slice;
    }

    /// <summary>
    /// The two ends of a path longer than both spans together, in one walk up (a 600,000-long path is read once, not
    /// once per end and once more for its root): <paramref name="head"/> gets the references nearest the root, root
    /// side first, <paramref name="tail"/> those nearest <paramref name="obj"/>; returns the root. O(depth).
    /// </summary>
    public ObjId Ends(ObjId obj, Span<EdgeId> head, Span<EdgeId> tail)
    {
        var depth = _distance[(int)obj];
        if (depth < head.Length + tail.Length)
        {
            throw new ArgumentException("the path is shorter than its two ends", nameof(obj));
        }

        // Walking up meets the tail first (last reference first), then keeps the latest head.Length references in
        // a ring, whose oldest slot is where the root-most reference lands last.
        var current = (int)obj;
        for (var seen = 0; seen < depth; seen++)
        {
            var edge = _parentEdge[current];
            if (seen < tail.Length)
            {
                tail[tail.Length - 1 - seen] = (EdgeId)edge;
            }
            else
            {
                head[(depth - 1 - seen) % head.Length] = (EdgeId)edge;
            }

            current = _edgeSource[edge];
        }

        return (ObjId)current;
    }
}
