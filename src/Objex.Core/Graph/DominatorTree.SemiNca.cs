using System.Runtime.CompilerServices;
using Objex.Snapshot;

namespace Objex.Graph;

internal sealed partial class DominatorTree
{
    /// <summary>
    /// Phase 2, semidominators: for each preorder number i from the last down to 1, the smallest
    /// of its DFS parent and, over its referrers (and the buckets that point at it), the
    /// minimum semidominator on each referrer's path of already-processed ancestors, found by
    /// EVAL with path compression (<see cref="EvalForest"/>). O(E log N); writes into
    /// <paramref name="semi"/> (reused scratch) and needs 12 B per node more.
    /// </summary>
    private static int[] Semidominators(Preorder preorder, StrongReverse reverse, int[] semi, CancellationToken cancel)
    {
        var n = preorder.VirtualPreds.Length;
        var count = preorder.Count;
        var pre = preorder.Pre;
        var vertex = preorder.Vertex;
        var parent = preorder.Parent;
        var virtualPreds = preorder.VirtualPreds;
        var forest = new EvalForest(parent, count);
        for (var i = 0; i < count; i++)
        {
            semi[i] = i;
        }

        for (var i = count - 1; i >= 1; i--)
        {
            var w = vertex[i];
            var best = parent[i];
            if (w < n && virtualPreds[w] == 0 && reverse.InDegree((ObjId)w) == 1)
            {
                // Most heap objects have one referrer, which must then be their DFS parent: the
                // semidominator is the parent, no lookup needed (saves a cache miss per object).
            }
            else if (w < n)
            {
                foreach (var v in reverse.Referrers((ObjId)w))
                {
                    best = Math.Min(best, forest.Eval(pre[(int)v], i));
                }

                var flags = virtualPreds[w];
                if ((flags & FromModules) != 0)
                {
                    best = Math.Min(best, forest.Eval(pre[n + VirtualNodes.Index(ObjId.ModulesRoot)], i));
                }

                if ((flags & FromThreadStacks) != 0)
                {
                    best = Math.Min(best, forest.Eval(pre[n + VirtualNodes.Index(ObjId.ThreadStacksRoot)], i));
                }

                if ((flags & FromUnreachable) != 0)
                {
                    best = Math.Min(best, forest.Eval(pre[n + VirtualNodes.Index(ObjId.UnreachableRoot)], i));
                }

                if ((flags & FromHeldFromC) != 0)
                {
                    best = Math.Min(best, forest.Eval(pre[n + VirtualNodes.Index(ObjId.HeldFromCRoot)], i));
                }
            }
            else
            {
                best = 0;
            }

            semi[i] = best;
            forest.SetBest(i, best);
            if ((i & 0xFFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }
        }

        return semi;
    }

    /// <summary>
    /// Phase 3, NCA: the idom of i is the nearest common ancestor of its DFS parent and its
    /// semidominator in the dominator tree built so far (preorder), found by climbing from the
    /// parent's idom while it lies below the semidominator. O(N × climb), in practice near
    /// O(N); 4 B per node.
    /// </summary>
    private static int[] NcaIdoms(ReadOnlySpan<int> parent, int[] semi)
    {
        var idomPre = parent.ToArray();
        for (var i = 1; i < idomPre.Length; i++)
        {
            var candidate = idomPre[i];
            while (candidate > semi[i])
            {
                candidate = idomPre[candidate];
            }

            idomPre[i] = candidate;
        }

        return idomPre;
    }

    /// <summary>
    /// The forest EVAL climbs: per preorder vertex, its (compressed) ancestor link and the
    /// smallest semidominator on that path, side by side so EVAL touches one cache line per
    /// vertex instead of three arrays (the arrays outgrow the cache at 10 M objects and this
    /// loop is memory-bound). The "link" of a processed vertex (preorder &gt; i) is its DFS parent.
    /// </summary>
    private readonly struct EvalForest
    {
        private readonly Link[] _link;
        private readonly int[] _stack;

        internal EvalForest(int[] parent, int count)
        {
            _link = GC.AllocateUninitializedArray<Link>(count);
            _stack = GC.AllocateUninitializedArray<int>(count);
            for (var i = 0; i < count; i++)
            {
                _link[i] = new Link(parent[i], i);
            }
        }

        internal void SetBest(int v, int best) => _link[v].Best = best;

        /// <summary>
        /// For a vertex not yet processed (preorder ≤ i) the candidate is its own number;
        /// otherwise the smallest semidominator on its compressed ancestor path.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int Eval(int v, int i)
        {
            if (v <= i)
            {
                return v;
            }

            return _link[v].Ancestor <= i ? _link[v].Best : Compress(v, i);
        }

        // Path compression: every vertex on v's path of processed ancestors is linked straight to
        // the path's top, carrying the smallest semidominator seen on the way.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private int Compress(int v, int i)
        {
            var link = _link;
            var stack = _stack;
            var depth = 0;
            var x = v;
            do
            {
                stack[depth++] = x;
                x = link[x].Ancestor;
            }
            while (link[x].Ancestor > i);

            var p = x;
            do
            {
                var y = stack[--depth];
                link[y].Ancestor = link[p].Ancestor;
                if (link[p].Best < link[y].Best)
                {
                    link[y].Best = link[p].Best;
                }

                p = y;
            }
            while (depth > 0);

            return link[v].Best;
        }
    }

    private struct Link(int ancestor, int best)
    {
        public int Ancestor = ancestor;
        public int Best = best;
    }
}
