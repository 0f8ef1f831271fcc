namespace Objex.Query;

/// <summary>
/// Objects of one type held at one normalised root path whose number or retained size grew from A to B: an
/// accumulation point. New objects that replaced freed ones at the same place (a cache that churns) are not growth.
/// </summary>
/// <param name="Path">Where they are held, as <see cref="QuerySession.NormalisedRootPath"/> says in B (its key is the match).</param>
/// <param name="TypeName">Their type, qualified (<c>app.UserSession</c>).</param>
/// <param name="CountA">Objects of the group in A.</param>
/// <param name="CountB">Objects of the group in B.</param>
/// <param name="RetainedA">Bytes the group retains in A (an object kept alive by another of the group counted once).</param>
/// <param name="RetainedB">The same in B.</param>
/// <param name="NewObjects">Objects of the group in B that A did not have (matched by address and type); null when the dumps were matched by type and path only (<c>--force</c>).</param>
public sealed record GrowthEntry(NormalisedRootPath Path, string TypeName, long CountA, long CountB, long RetainedA, long RetainedB, long? NewObjects)
{
    /// <summary>Objects more in B than in A.</summary>
    public long CountDelta => CountB - CountA;

    /// <summary>Retained bytes more in B than in A.</summary>
    public long RetainedDelta => RetainedB - RetainedA;
}
