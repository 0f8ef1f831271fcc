namespace Objex.Query;

/// <summary>A dominator-tree node's children of one type that are not shown on their own (<see cref="DominatorLevel.Groups"/>).</summary>
/// <param name="Type">The type object.</param>
/// <param name="TypeName">The type's name as the children's labels give it.</param>
/// <param name="Count">How many of the node's children are of that type and not shown on their own.</param>
/// <param name="RetainedBytes">What they retain together.</param>
public sealed record ChildTypeGroup(ObjectSummary Type, string TypeName, long Count, long RetainedBytes)
{
    /// <summary>Type groups listed at most; the smaller ones are left to "the rest".</summary>
    public const int MaxGroups = 20;
}
