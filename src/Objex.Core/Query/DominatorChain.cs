namespace Objex.Query;

/// <summary>
/// What the <c>retained</c> command shows: an object's retained size, the chain of its dominators up to the
/// root ("kept alive by"), and the largest objects it alone keeps alive.
/// </summary>
/// <param name="Object">The object asked about.</param>
/// <param name="RetainedBytes">Its retained size.</param>
/// <param name="KeptAliveBy">Immediate dominator first, then its dominator, and so on up to a root: the whole chain when
/// it has at most <see cref="QuerySession.MaxChainLength"/> dominators, else its nearest half of that (the topmost are
/// <see cref="Topmost"/>, the middle <see cref="QuerySession.DominatorChainPage"/> reads). The virtual super-root is not listed.</param>
/// <param name="ChainLength">How many dominators the chain has in all.</param>
/// <param name="RootDescription">How the chain ends: e.g. "held from modules", "held from thread stacks", "no module or thread stack reaches it".</param>
/// <param name="LargestKept">Objects it immediately dominates, largest retained size first.</param>
/// <param name="KeptCount">How many objects it immediately dominates in all.</param>
public sealed record DominatorChain(
    ObjectSummary Object,
    long RetainedBytes,
    IReadOnlyList<ObjectSummary> KeptAliveBy,
    int ChainLength,
    string RootDescription,
    IReadOnlyList<ObjectSummary> LargestKept,
    int KeptCount)
{
    /// <summary>A long chain's topmost dominators, nearest first (the last one's own dominator is virtual); empty when <see cref="KeptAliveBy"/> is the whole chain.</summary>
    public IReadOnlyList<ObjectSummary> Topmost { get; init; } = [];

    /// <summary>How many dominators lie between <see cref="KeptAliveBy"/> and <see cref="Topmost"/>, left out.</summary>
    public int Skipped { get; init; }
}
