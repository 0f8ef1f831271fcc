namespace Objex.Query;

/// <summary>An object's referrers counted by type.</summary>
/// <param name="Total">Referrers in all (the sum of the counts).</param>
/// <param name="Rows">One per type, most referrers first, ties by type id.</param>
public sealed record ReferrerTypeCounts(int Total, IReadOnlyList<ReferrerTypeCount> Rows);

/// <summary>How many referrers one type has among an object's referrers.</summary>
public sealed record ReferrerTypeCount(ObjectSummary Type, int Count);
