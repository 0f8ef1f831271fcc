using System.Text.Json.Serialization;

namespace Objex.Query;

/// <summary>
/// One allocation site and what of a set of objects (the whole heap for <c>top sites</c>; a suspect's accumulated
/// objects; a diff's new objects) was allocated there.
/// </summary>
/// <param name="Site">The site.</param>
/// <param name="Objects">Objects of the set allocated there.</param>
/// <param name="ShallowBytes">The sum of their shallow sizes.</param>
/// <param name="RetainedBytes">What they keep alive together (each object counted once: one below another of the same
/// site is in that one's retained size); only when ranked by it (<see cref="QuerySession.SitesByRetained"/>), else null.</param>
public sealed record SiteTotal(
    AllocationSite Site,
    long Objects,
    long ShallowBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RetainedBytes = null);
