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
    private AncestorJumps? _jumps;

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

    /// <summary>The root (module or frame) the shortest path starts from; <see cref="ObjId.None"/> when unreachable. O(√depth) on deep paths.</summary>
    public ObjId Root(ObjId obj) => _distance[(int)obj] < 0 ? ObjId.None : (ObjId)AncestorAt((int)obj, 0);

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
    /// path (clipped to its length), root side first: a jump to the slice's lower end (<see cref="AncestorJumps"/>), then
    /// only the slice is walked, so a page from the middle of a 600,000-long path costs ~1,600 reads plus the page.
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
        WalkUp(AncestorAt((int)obj, end), slice);
        return slice;
    }

    /// <summary>
    /// The two ends of a path longer than both spans together: <paramref name="head"/> gets the references nearest the
    /// root, root side first, <paramref name="tail"/> those nearest <paramref name="obj"/>; returns the root. The middle
    /// is jumped over (<see cref="AncestorJumps"/>), not walked.
    /// </summary>
    public ObjId Ends(ObjId obj, Span<EdgeId> head, Span<EdgeId> tail)
    {
        var depth = _distance[(int)obj];
        if (depth < head.Length + tail.Length)
        {
            throw new ArgumentException("the path is shorter than its two ends", nameof(obj));
        }

        WalkUp((int)obj, tail);
        var headEnd = AncestorAt((int)obj, head.Length);
        return (ObjId)WalkUp(headEnd, head);
    }

    /// <summary>Fills <paramref name="edges"/> with the references into <paramref name="node"/> and its ancestors, last first; returns where the walk stopped.</summary>
    private int WalkUp(int node, Span<EdgeId> edges)
    {
        for (var i = edges.Length - 1; i >= 0; i--)
        {
            var edge = _parentEdge[node];
            edges[i] = (EdgeId)edge;
            node = _edgeSource[edge];
        }

        return node;
    }

    /// <summary>The ancestor of a reachable <paramref name="node"/> at <paramref name="depth"/>: walked when near, jumped to when far.</summary>
    private int AncestorAt(int node, int depth)
    {
        var links = new Links(this);
        if (AncestorJumps.Worth(_distance[node] - depth))
        {
            // Built on the first deep question only (4 B per object): shallow heaps never pay for it. Two threads
            // building it at once build the same array.
            _jumps ??= AncestorJumps.Build(links, _distance.Length);
            return _jumps.Ancestor(links, node, depth);
        }

        while (_distance[node] > depth)
        {
            node = _edgeSource[_parentEdge[node]];
        }

        return node;
    }

    /// <summary>The tree as <see cref="AncestorJumps"/> reads it.</summary>
    private readonly struct Links(RootTree tree) : IForest
    {
        public int Parent(int node)
        {
            var edge = tree._parentEdge[node];
            return edge < 0 ? -1 : tree._edgeSource[edge];
        }

        public int Depth(int node) => tree._distance[node];
    }
}
