using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// How long an object's dominator chain is and which object tops it, without walking it: a 600,000-node linked
/// list's last node has 600,000 dominators, and <c>retained</c> or a treemap level asked about it walked them all.
/// Short chains are walked (up to a few thousand links); the first longer one builds each object's chain depth (one
/// O(N) pass that walks each chain only up to the first object already resolved, then writes back down the walked
/// stretch, as <see cref="DominatorChainEnds"/> does) and the <see cref="AncestorJumps"/> over the dominator tree, 8 B
/// per object, after which every chain is O(√depth).
/// </summary>
internal sealed class DominatorAncestors(HeapSnapshot snapshot)
{
    private int[]? _depth;
    private AncestorJumps? _jumps;

    /// <summary>The dominator <paramref name="links"/> links above <paramref name="obj"/> (at most its chain's length): walked when near, jumped to when far.</summary>
    internal ObjId Up(ObjId obj, int links)
    {
        if (AncestorJumps.Worth(links))
        {
            var forest = Index();
            return (ObjId)_jumps!.Ancestor(forest, (int)obj, _depth![(int)obj] - links);
        }

        for (; links > 0; links--)
        {
            obj = snapshot.ImmediateDominator(obj);
        }

        return obj;
    }

    /// <summary>How many dominators <paramref name="obj"/> has, and the topmost (whose own dominator is a virtual node); itself when it has none.</summary>
    internal (int Length, ObjId Top) Chain(ObjId obj)
    {
        var node = obj;
        for (var length = 0; length <= AncestorJumps.WalkLimit; length++)
        {
            var up = snapshot.ImmediateDominator(node);
            if ((int)up < 0)
            {
                return (length, node);
            }

            node = up;
        }

        var forest = Index();
        return (_depth![(int)obj], (ObjId)_jumps!.Ancestor(forest, (int)obj, 0));
    }

    private Forest Index()
    {
        var forest = new Forest(snapshot, _depth ??= Depths());
        _jumps ??= AncestorJumps.Build(forest, snapshot.ObjectCount);
        return forest;
    }

    private int[] Depths()
    {
        const int unresolved = -1;
        var depth = new int[snapshot.ObjectCount];
        Array.Fill(depth, unresolved);
        var walk = new List<int>();
        for (var start = 0; start < depth.Length; start++)
        {
            walk.Clear();
            var node = start;
            while (node >= 0 && depth[node] == unresolved)
            {
                walk.Add(node);
                node = (int)snapshot.ImmediateDominator((ObjId)node);
            }

            var below = node >= 0 ? depth[node] : -1;
            for (var i = walk.Count - 1; i >= 0; i--)
            {
                depth[walk[i]] = ++below;
            }
        }

        return depth;
    }

    /// <summary>The dominator tree over the objects (virtual nodes cut off) as <see cref="AncestorJumps"/> reads it.</summary>
    private readonly struct Forest(HeapSnapshot snapshot, int[] depth) : IForest
    {
        public int Parent(int node) => Math.Max(-1, (int)snapshot.ImmediateDominator((ObjId)node));

        public int Depth(int node) => depth[node];
    }
}
