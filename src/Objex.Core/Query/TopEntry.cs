namespace Objex.Query;

/// <summary>One row of a top list: an object and the value it is ranked by (count, bytes, referrers).</summary>
public sealed record TopEntry(ObjectSummary Object, long Value);
