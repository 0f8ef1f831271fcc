namespace Objex.Query;

/// <summary>The types a <c>find</c> pattern matches: how many in all, and the first of them.</summary>
/// <param name="Total">Every matching type, those with no instances included.</param>
/// <param name="Types">The first matches, largest retained size first (types with no instances last).</param>
public sealed record TypeMatches(int Total, IReadOnlyList<TypeStats> Types);
