using System.Text;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Computes <see cref="NormalisedRootPath"/>s, memoised for the session: every object's path is its tree parent's
/// path plus one normalised step, so each path is a node of a trie (<see cref="NormalisedPathNodes"/>) and an object
/// is one node number (<c>_nodeOf</c>, 4 B per object, allocated on first use). An object costs one step: its
/// parent's node is known or computed first (walking up the precomputed root tree, no recursion), so grouping
/// 400,000 instances reads each reference label at most once in the session, and the labels of a list's, tuple's
/// or set's items not at all (their every reference is an index or a member: known from the type).
/// </summary>
internal sealed class RootPathNormaliser(HeapSnapshot snapshot, Labeler labeler, EdgeText edgeText, AttributeView attributes)
{
    private const string Unreached = "(no module or running frame reaches it)";

    private readonly NormalisedPathNodes _nodes = new();
    private readonly Dictionary<ObjId, SourceShape> _shapes = [];
    private readonly Dictionary<ObjId, bool> _scalarTypes = [];
    private readonly List<ObjId> _pending = [];
    private int[]? _nodeOf;

    private enum SourceShape : byte
    {
        Other,
        Sequence,
        Set,
    }

    /// <summary>The trie the node numbers <see cref="NodeOf"/> returns belong to.</summary>
    internal NormalisedPathNodes Nodes => _nodes;

    /// <summary>The object's path node. O(depth) the first time, then O(1).</summary>
    internal int NodeOf(ObjId obj)
    {
        var nodeOf = _nodeOf ??= new int[snapshot.ObjectCount];
        if (nodeOf[(int)obj] != 0)
        {
            return nodeOf[(int)obj] - 1;
        }

        // Up the tree to the first object whose node is known (or a root), then down again: a 1,000,000-long
        // chain is a list of ids here, not a deep stack.
        _pending.Clear();
        for (var current = obj; nodeOf[(int)current] == 0;)
        {
            var tree = TreeOf(current);
            if (tree is null)
            {
                nodeOf[(int)current] = _nodes.Root(Unreached) + 1;
                break;
            }

            if (tree.IsRoot(current))
            {
                nodeOf[(int)current] = _nodes.Root(RootToken(current)) + 1;
                break;
            }

            _pending.Add(current);
            current = tree.Parent(current);
        }

        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            var child = _pending[i];
            var edge = TreeOf(child)!.ParentEdge(child);
            var parentNode = nodeOf[(int)snapshot.EdgeSource(edge)] - 1;
            nodeOf[(int)child] = _nodes.Append(parentNode, Step(edge, parentNode)) + 1;
        }

        return nodeOf[(int)obj] - 1;
    }

    /// <summary>The public record for a node.</summary>
    internal NormalisedRootPath PathOf(int node) =>
        new(_nodes.Text(node), _nodes.Key(node), _nodes.IsElided(node), _nodes.RootToken(node) != Unreached);

    /// <summary>The nearest module's tree when one reaches the object, else the frames' (as <c>NearestRootPath</c>), else null.</summary>
    private RootTree? TreeOf(ObjId obj) =>
        snapshot.ModuleTree.IsReachable(obj) ? snapshot.ModuleTree : snapshot.FrameTree.IsReachable(obj) ? snapshot.FrameTree : null;

    private string RootToken(ObjId root) => snapshot.KindOf(root) switch
    {
        ObjKind.Module => "<module " + (snapshot.ModuleName(root) ?? "?") + ">",
        ObjKind.Frame => "<frame " + (snapshot.Frame(root)?.CodeName ?? "?") + ">",
        _ => "<" + labeler.QualifiedTypeName(snapshot.TypeOf(root)) + ">",
    };

    /// <summary>The normalised text of the reference <paramref name="edge"/> (from an object whose node is <paramref name="sourceNode"/>).</summary>
    private string Step(EdgeId edge, int sourceNode)
    {
        var source = snapshot.EdgeSource(edge);
        switch (ShapeOf(snapshot.TypeOf(source)))
        {
            case SourceShape.Sequence:
                return NormalisedPathNodes.AnyItem;
            case SourceShape.Set:
                return NormalisedPathNodes.AnyMember;
        }

        var label = snapshot.EdgeLabel(edge);
        if (label.Length > 0 && char.IsAsciiDigit(label[0]))
        {
            return NormalisedPathNodes.AnyItem;
        }

        var key = EdgeText.DictKey(label);
        if (key == ObjId.None)
        {
            return edgeText.Render(label);
        }

        // An entry of an object's __dict__ is that object's attribute: kept by name (rendered `.name`, the
        // `.__dict__` step before it left out), as `in` shows it.
        if (_nodes.StepText(sourceNode) == NormalisedPathNodes.DictStep && attributes.AttributeName(label) is { } name)
        {
            return "." + name;
        }

        if (!snapshot.IsObject(key))
        {
            return NormalisedPathNodes.AnyItem;
        }

        var keyType = snapshot.TypeOf(key);
        return IsScalar(keyType) ? NormalisedPathNodes.AnyItem : "[<" + labeler.QualifiedTypeName(keyType) + ">]";
    }

    private SourceShape ShapeOf(ObjId type)
    {
        if (!_shapes.TryGetValue(type, out var shape))
        {
            // Exact builtin types only: a subclass instance may also have attributes.
            shape = labeler.QualifiedTypeName(type) switch
            {
                "list" or "tuple" => SourceShape.Sequence,
                "set" or "frozenset" => SourceShape.Set,
                _ => SourceShape.Other,
            };
            _shapes[type] = shape;
        }

        return shape;
    }

    private bool IsScalar(ObjId type)
    {
        if (!_scalarTypes.TryGetValue(type, out var scalar))
        {
            scalar = labeler.QualifiedTypeName(type) is "str" or "int" or "bytes" or "float" or "bool" or "complex" or "NoneType";
            _scalarTypes[type] = scalar;
        }

        return scalar;
    }
}
