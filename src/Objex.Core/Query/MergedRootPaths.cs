namespace Objex.Query;

/// <summary>A set of objects (a type's instances) grouped by where they are held, most objects first.</summary>
/// <param name="Total">Objects grouped.</param>
/// <param name="Groups">The largest groups, most objects first (ties: most retained, then the sample's id).</param>
/// <param name="OtherCount">Objects in the groups not listed.</param>
/// <param name="OtherGroups">Groups not listed.</param>
public sealed record MergedRootPaths(long Total, IReadOnlyList<MergedPathGroup> Groups, long OtherCount, int OtherGroups);
