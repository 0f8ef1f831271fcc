namespace Objex.Query;

/// <summary>
/// Children of a node of the dominator tree that are alike: of one type and held the same way below it
/// (<c>retained</c>'s "2,501 × store.Sample, 2.6 MiB via [*]").
/// </summary>
/// <param name="Type">Their type object.</param>
/// <param name="TypeName">The type's name as their labels give it.</param>
/// <param name="Count">How many of the node's children are of the type and held that way.</param>
/// <param name="RetainedBytes">What they retain together (children of one node retain disjoint sets).</param>
/// <param name="PathBelow">Their normalised path below the node (<c>.items[*]</c>), or null when their nearest root's path
/// does not pass through the node (they are kept alive by it along another way).</param>
/// <param name="Sample">The one of them that retains most, to go to.</param>
public sealed record KeptGroup(ObjectSummary Type, string TypeName, long Count, long RetainedBytes, string? PathBelow, ObjectSummary Sample);
