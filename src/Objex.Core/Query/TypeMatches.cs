namespace Objex.Query;

/// <summary>The types a <c>find</c> pattern matches: how many in all, and the first of them.</summary>
/// <param name="Total">Every matching type listed (those with no instances included unless they were left out).</param>
/// <param name="Types">The first matches, largest retained size first (types with no instances last).</param>
public sealed record TypeMatches(int Total, IReadOnlyList<TypeStats> Types)
{
    /// <summary>Matching types with no instances that were left out (and not in <see cref="Total"/>).</summary>
    public int HiddenWithoutInstances { get; init; }
}
