namespace Objex.Query;

/// <summary>The first references of an object in one direction, and how many there are in all.</summary>
/// <param name="Total">Every reference in this direction (the rows may be fewer).</param>
/// <param name="Rows">Up to the requested limit, in reference order.</param>
public sealed record ReferenceList(int Total, IReadOnlyList<ReferenceRow> Rows);
