namespace Objex.Query;

/// <summary>
/// Objects of one type at one place that were created between the first and the second of three dumps and are still
/// alive in the third (memlab's method: what a repeated action left behind, not what it used and freed).
/// </summary>
/// <param name="Path">Where they are held in the third dump (<see cref="QuerySession.NormalisedRootPath"/>).</param>
/// <param name="TypeName">Their type, qualified (<c>app.Job</c>).</param>
/// <param name="Objects">How many.</param>
/// <param name="RetainedBytes">What they retain in the third dump (one kept alive by another of the group counted once).</param>
public sealed record StillAliveGroup(NormalisedRootPath Path, string TypeName, long Objects, long RetainedBytes);
