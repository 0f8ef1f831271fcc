namespace Objex.Query;

/// <summary>
/// Objects of one type held at one normalised root path whose number or retained size grew from A to B: an
/// accumulation point. New objects that replaced freed ones at the same place (a cache that churns) are not growth.
/// </summary>
/// <param name="Path">Where they are held, as <see cref="QuerySession.NormalisedRootPath"/> says in B (its key is the match).</param>
/// <param name="TypeName">Their type, qualified (<c>app.UserSession</c>).</param>
/// <param name="NewObjects">Objects at the place in B that A did not have (matched by address and type); under <c>--force</c>, every object at the place in B.</param>
/// <param name="FreedObjects">Objects at the place in A that B does not have; under <c>--force</c>, every object at the place in A.</param>
/// <param name="RetainedDelta">Bytes the place retains more in B than in A: the new objects' retained sizes, minus the freed
/// ones', plus what objects in both retain more (an object kept alive by another of the place counted once).</param>
public sealed record GrowthEntry(NormalisedRootPath Path, string TypeName, long NewObjects, long FreedObjects, long RetainedDelta)
{
    /// <summary>
    /// Where the entry's new objects were allocated, when B has allocation sites; else null (and left out of JSON).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SiteBreakdown? AllocatedAt { get; init; }

    /// <summary>Objects more at the place in B than in A.</summary>
    public long CountDelta => NewObjects - FreedObjects;
}
