using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Analysis;

/// <summary>What the graph phase computed, handed to the writer.</summary>
internal sealed class AnalysisResults
{
    internal required EdgeId[] ModuleParentEdge { get; init; }

    internal required int[] ModuleDistance { get; init; }

    internal required EdgeId[] FrameParentEdge { get; init; }

    internal required int[] FrameDistance { get; init; }

    internal required DominatorTree Dominators { get; init; }

    /// <summary>Per object, the references its refcount counts that the dump does not hold (all 0 for the original's dumps).</summary>
    internal required int[] UnseenReferences { get; init; }

    internal required List<TypeTotals.Total> TypeTotals { get; init; }

    internal required long TotalShallowBytes { get; init; }

    internal required int ModuleReachable { get; init; }

    internal required int FrameReachable { get; init; }
}
