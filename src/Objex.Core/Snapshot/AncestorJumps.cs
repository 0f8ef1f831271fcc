namespace Objex.Snapshot;

/// <summary>A forest read through its parent links and depths (a root-path tree, the dominator tree).</summary>
internal interface IForest
{
    /// <summary>The node's parent; negative for a root or a node outside the forest.</summary>
    int Parent(int node);

    /// <summary>Links between the node and its root; negative for a node outside the forest.</summary>
    int Depth(int node);
}

/// <summary>
/// Level-ancestor queries on a deep forest: the ancestor of a node at a given depth in O(depth / Spacing + Spacing)
/// parent reads instead of O(depth). Each node keeps its nearest strict ancestor whose depth is a multiple of
/// <see cref="Spacing"/> (a checkpoint; roots are checkpoints), so a walk up jumps from checkpoint to checkpoint
/// and steps one link at a time only at its two ends. The ends of a 600,000-long root path are then ~1,600 reads,
/// not 600,000. Built once, in O(N) with no recursion: each node is resolved by a walk up to the first node
/// already resolved, written back down the walked stretch (4 B per object, so only deep forests build it).
/// </summary>
internal sealed class AncestorJumps
{
    /// <summary>Depths between checkpoints.</summary>
    internal const int Spacing = 1024;

    private const int Unresolved = int.MinValue;

    private readonly int[] _checkpointAbove;

    private AncestorJumps(int[] checkpointAbove) => _checkpointAbove = checkpointAbove;

    /// <summary>The most links worth walking one by one; past it, the jumps are worth building.</summary>
    internal const int WalkLimit = 4 * Spacing;

    /// <summary>True when walking <paramref name="links"/> links one by one costs enough to build the jumps for.</summary>
    internal static bool Worth(int links) => links > WalkLimit;

    /// <summary>The jumps of a forest of <paramref name="count"/> nodes.</summary>
    internal static AncestorJumps Build<TForest>(TForest forest, int count)
        where TForest : struct, IForest
    {
        var above = new int[count];
        Array.Fill(above, Unresolved);
        var walk = new List<int>();
        for (var start = 0; start < count; start++)
        {
            if (above[start] != Unresolved)
            {
                continue;
            }

            walk.Clear();
            for (var node = start; node >= 0 && above[node] == Unresolved; node = forest.Parent(node))
            {
                walk.Add(node);
            }

            // Root side first: each node's parent is resolved (or absent) before the node.
            for (var i = walk.Count - 1; i >= 0; i--)
            {
                var parent = forest.Parent(walk[i]);
                above[walk[i]] = parent < 0 ? -1 : forest.Depth(parent) % Spacing == 0 ? parent : above[parent];
            }
        }

        return new AncestorJumps(above);
    }

    /// <summary>The ancestor of <paramref name="node"/> at <paramref name="depth"/> (at most the node's own depth).</summary>
    internal int Ancestor<TForest>(TForest forest, int node, int depth)
        where TForest : struct, IForest
    {
        for (var jump = _checkpointAbove[node]; jump >= 0 && forest.Depth(jump) >= depth; jump = _checkpointAbove[jump])
        {
            node = jump;
        }

        while (forest.Depth(node) > depth)
        {
            node = forest.Parent(node);
        }

        return node;
    }
}
