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
internal sealed class RootPathNormaliser(HeapSnapshot snapshot, Labeler labeler, EdgeText edgeText, AttributeView attributes, ClosureSteps closures)
{
    private const string Unreached = "(no module or running frame reaches it)";

    private readonly NormalisedPathNodes _nodes = new();
    private readonly Dictionary<ObjId, SourceShape> _shapes = [];
    private readonly Dictionary<ObjId, string> _keySteps = [];
    private readonly List<ObjId> _pending = [];
    private int[]? _nodeOf;
    private string?[]? _prefetched;

    private enum SourceShape : byte
    {
        Other,
        Sequence,
        Set,
    }

    /// <summary>The trie the node numbers <see cref="NodeOf"/> returns belong to.</summary>
    internal NormalisedPathNodes Nodes => _nodes;

    /// <summary>
    /// Computes the nodes of many objects, reading at once the labels needed for them and for the objects above
    /// them whose nodes are not known yet (<see cref="HeapSnapshot.EdgeLabels"/>: in rowid order, one scan when they
    /// are many) instead of one lookup per object: 301,555 instances of a type on a 1 M-object heap took 24 s one
    /// label at a time. While it runs, such an object's <c>_nodeOf</c> entry is <c>-(its slot in _prefetched + 1)</c>;
    /// none is left behind, even when cancelled, and the labels are dropped at the end.
    /// </summary>
    internal void Prepare(IReadOnlyList<ObjId> objects, CancellationToken cancellationToken)
    {
        var nodeOf = _nodeOf ??= new int[snapshot.ObjectCount];
        var collected = new List<ObjId>();
        var wanted = new List<EdgeId>();
        var wantedSlots = new List<int>();
        try
        {
            for (var i = 0; i < objects.Count; i++)
            {
                if ((i & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                for (var current = objects[i]; nodeOf[(int)current] == 0;)
                {
                    var tree = TreeOf(current);
                    if (tree is null || tree.IsRoot(current))
                    {
                        break;
                    }

                    var edge = tree.ParentEdge(current);
                    var parent = snapshot.EdgeSource(edge);
                    if (ShapeOf(snapshot.TypeOf(parent)) == SourceShape.Other)
                    {
                        wanted.Add(edge);
                        wantedSlots.Add(collected.Count);
                    }

                    collected.Add(current);
                    nodeOf[(int)current] = -collected.Count;
                    current = parent;
                }
            }

            var labels = snapshot.EdgeLabels(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(wanted));
            _prefetched = new string?[collected.Count];
            for (var i = 0; i < labels.Length; i++)
            {
                _prefetched[wantedSlots[i]] = labels[i];
            }

            for (var i = 0; i < objects.Count; i++)
            {
                if ((i & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                NodeOf(objects[i]);
            }
        }
        finally
        {
            _prefetched = null;
            foreach (var obj in collected)
            {
                nodeOf[(int)obj] = Math.Max(nodeOf[(int)obj], 0);
            }
        }
    }

    /// <summary>The object's path node. O(depth) the first time, then O(1).</summary>
    internal int NodeOf(ObjId obj)
    {
        var nodeOf = _nodeOf ??= new int[snapshot.ObjectCount];
        if (nodeOf[(int)obj] > 0)
        {
            return nodeOf[(int)obj] - 1;
        }

        // Up the tree to the first object whose node is known (or a root), then down again: a 1,000,000-long
        // chain is a list of ids here, not a deep stack.
        _pending.Clear();
        for (var current = obj; nodeOf[(int)current] <= 0;)
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
            var slot = -nodeOf[(int)child] - 1;
            var label = slot >= 0 && _prefetched is { } prefetched && slot < prefetched.Length ? prefetched[slot] : null;
            nodeOf[(int)child] = _nodes.Append(parentNode, Step(edge, parentNode, label)) + 1;
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

    /// <summary>
    /// The normalised text of the reference <paramref name="edge"/> (from an object whose node is <paramref name="sourceNode"/>);
    /// <paramref name="label"/> is its label when <see cref="Prepare"/> read it.
    /// </summary>
    private string Step(EdgeId edge, int sourceNode, string? label)
    {
        var source = snapshot.EdgeSource(edge);
        switch (ShapeOf(snapshot.TypeOf(source)))
        {
            case SourceShape.Sequence:
                return NormalisedPathNodes.AnyItem;
            case SourceShape.Set:
                return NormalisedPathNodes.AnyMember;
        }

        label ??= snapshot.EdgeLabel(edge);
        if (label == ClosureSteps.CellContents && CellStep(source, sourceNode) is { } cellStep)
        {
            return cellStep;
        }

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

        return KeyStep(snapshot.TypeOf(key));
    }

    /// <summary>
    /// The step to a cell's value (<see cref="ClosureSteps"/>): nothing after a cell local (<c>.locals['x']</c> names
    /// it), <c>.&lt;closure payload&gt;</c> after a function's <c>.__closure__[i]</c> (those two steps are left out of
    /// the text, <see cref="NormalisedPathNodes"/>); null otherwise (<c>.cell_contents</c> as recorded).
    /// </summary>
    private string? CellStep(ObjId cell, int cellNode)
    {
        if (ClosureSteps.IsLocal(_nodes.StepText(cellNode)))
        {
            return "";
        }

        var tree = TreeOf(cell);
        if (tree is null || tree.IsRoot(cell))
        {
            return null;
        }

        var toCell = tree.ParentEdge(cell);
        var tuple = snapshot.EdgeSource(toCell);
        if (tree.IsRoot(tuple))
        {
            return null;
        }

        var toTuple = tree.ParentEdge(tuple);
        return snapshot.EdgeLabel(toTuple) == ClosureSteps.Closure ? closures.Step(snapshot.EdgeSource(toTuple), snapshot.EdgeLabel(toCell)) : null;
    }

    /// <summary>The step of a dict entry by its key's type: <c>[*]</c> for a scalar, else <c>[&lt;Type&gt;]</c> (one string per type).</summary>
    private string KeyStep(ObjId keyType)
    {
        if (!_keySteps.TryGetValue(keyType, out var step))
        {
            step = labeler.QualifiedTypeName(keyType) is "str" or "int" or "bytes" or "float" or "bool" or "complex" or "NoneType"
                ? NormalisedPathNodes.AnyItem
                : "[<" + labeler.QualifiedTypeName(keyType) + ">]";
            _keySteps[keyType] = step;
        }

        return step;
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
}
