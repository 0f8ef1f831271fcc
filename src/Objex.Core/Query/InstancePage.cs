namespace Objex.Query;

/// <summary>One page of a type's instances, largest retained first (<see cref="RetainedRanking"/>).</summary>
/// <param name="Total">Instances in all.</param>
/// <param name="Rows">The page's instances.</param>
public sealed record InstancePage(int Total, IReadOnlyList<ObjectSummary> Rows);
