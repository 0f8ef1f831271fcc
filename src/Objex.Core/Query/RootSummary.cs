namespace Objex.Query;

/// <summary>
/// Where a random sample of objects is held from: how many are reachable from a module, only from a thread's
/// stack, held from C, or garbage, and the modules holding the most of the sample.
/// </summary>
/// <param name="Sampled">Objects sampled.</param>
/// <param name="FromModules">Sampled objects that some module reaches.</param>
/// <param name="FromFramesOnly">Sampled objects that only frames reach.</param>
/// <param name="HeldFromC">Sampled objects no root reaches that references the dump could not see hold (C code), directly or not.</param>
/// <param name="Garbage">Sampled objects nothing but garbage reaches (cycles waiting for the collector, and what only they hold).</param>
/// <param name="TopModules">Modules by how many sampled objects have them as nearest module, most first.</param>
public sealed record RootSummary(
    int Sampled,
    int FromModules,
    int FromFramesOnly,
    int HeldFromC,
    int Garbage,
    IReadOnlyList<TopEntry> TopModules);
