using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Where every object's dominator chain ends (the virtual node its topmost dominator hangs from), for the
/// <c>object_retained</c> SQL view's <c>held_from</c>. One pass over all objects that walks each chain only up to
/// the first object already resolved, then writes the answer back down the walked stretch: O(N) in all, no
/// recursion (a 1,000,000-long chain is one walk), 1 byte per object plus a reused walk buffer.
/// </summary>
internal static class DominatorChainEnds
{
    /// <summary>Per object: the chain's end as a negative virtual id (-2 super-root .. -5 unreachable bucket).</summary>
    internal static sbyte[] Compute(HeapSnapshot snapshot, CancellationToken cancellationToken)
    {
        var ends = new sbyte[snapshot.ObjectCount];
        var walk = new List<ObjId>();
        for (var start = 0; start < ends.Length; start++)
        {
            if (ends[start] != 0)
            {
                continue;
            }

            if ((start & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            walk.Clear();
            var node = (ObjId)start;
            while ((int)node >= 0 && ends[(int)node] == 0)
            {
                walk.Add(node);
                node = snapshot.ImmediateDominator(node);
            }

            var end = (int)node >= 0 ? ends[(int)node] : (sbyte)(int)node;
            foreach (var walked in walk)
            {
                ends[(int)walked] = end;
            }
        }

        return ends;
    }

    /// <summary>The words the <c>retained</c> command uses for how a chain ends.</summary>
    internal static string Describe(sbyte end) => (ObjId)end switch
    {
        ObjId.ModulesRoot => "modules",
        ObjId.ThreadStacksRoot => "thread stacks",
        ObjId.UnreachableRoot => "no root",
        _ => "more than one kind of root",
    };
}
