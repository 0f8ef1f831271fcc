using Objex.Snapshot;

namespace Objex.Export;

/// <summary>
/// The dominator tree (objects and the five virtual nodes) as preorder intervals, so "does <c>a</c> dominate
/// <c>u</c>" is two comparisons. An exporter asks it of every reference <c>u → v</c> with <c>a = idom(v)</c>: a
/// reference whose source its target's dominator does not dominate is one objex's dominators did not count
/// (a weak or namespace reference, one into a root, garbage's reference to a live object), and a reader that
/// computes dominators from the file must not count it either. Preorder numbers by an explicit stack (no
/// recursion on depth), subtree sizes summed in reverse preorder. 12 B per node.
/// </summary>
internal sealed class DominatorIntervals
{
    private readonly int _objectCount;
    private readonly int[] _pre;
    private readonly int[] _size;

    internal DominatorIntervals(HeapSnapshot snapshot)
    {
        _objectCount = snapshot.ObjectCount;
        var total = _objectCount + VirtualNodes.Count;
        _pre = new int[total];
        _size = new int[total];
        var order = GC.AllocateUninitializedArray<int>(total);
        var stack = GC.AllocateUninitializedArray<ObjId>(total);
        var count = 0;
        var sp = 0;
        stack[sp++] = ObjId.SuperRoot;
        while (sp > 0)
        {
            var node = stack[--sp];
            var slot = Slot(node);
            _pre[slot] = count;
            order[count++] = slot;
            foreach (var child in snapshot.DominatedChildren(node))
            {
                stack[sp++] = child;
            }
        }

        for (var i = count - 1; i >= 0; i--)
        {
            var slot = order[i];
            _size[slot]++;
            if (i > 0)
            {
                _size[Slot(snapshot.ImmediateDominator(Node(slot)))] += _size[slot];
            }
        }
    }

    /// <summary>Whether <paramref name="dominator"/> (an object or a virtual node) is <paramref name="node"/> or dominates it.</summary>
    internal bool Dominates(ObjId dominator, ObjId node)
    {
        var a = Slot(dominator);
        var offset = _pre[Slot(node)] - _pre[a];
        return (uint)offset < (uint)_size[a];
    }

    private int Slot(ObjId node) => (int)node >= 0 ? (int)node : _objectCount + VirtualNodes.Index(node);

    private ObjId Node(int slot) => slot < _objectCount ? (ObjId)slot : VirtualNodes.Id(slot - _objectCount);
}
