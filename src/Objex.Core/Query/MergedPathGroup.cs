namespace Objex.Query;

/// <summary>Objects that share one <see cref="NormalisedRootPath"/> (MAT's "merged shortest paths").</summary>
/// <param name="Path">Where they are held.</param>
/// <param name="Count">How many of the objects asked about are held there.</param>
/// <param name="ShallowBytes">Their shallow sizes together.</param>
/// <param name="RetainedBytes">What they keep alive, each object kept alive by another of the objects asked about counted
/// once (in that one's group), as <see cref="TypeStats.RetainedBytes"/> does for a type.</param>
/// <param name="Sample">The one of them that retains most (ties: lowest id), to go to.</param>
public sealed record MergedPathGroup(NormalisedRootPath Path, long Count, long ShallowBytes, long RetainedBytes, ObjectSummary Sample);
