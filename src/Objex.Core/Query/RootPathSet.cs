namespace Objex.Query;

/// <summary>Shortest paths from several distinct roots of one kind (modules or frames) to an object.</summary>
/// <param name="Paths">At most one path per root, shortest first.</param>
/// <param name="Complete">False when the search stopped at its node budget before it had seen every referrer:
/// more roots may exist.</param>
public sealed record RootPathSet(IReadOnlyList<RootPath> Paths, bool Complete);
