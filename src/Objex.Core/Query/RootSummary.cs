namespace Objex.Query;

/// <summary>
/// Where a random sample of objects is held from: how many are reachable from a module, only from a thread's
/// stack, or from no root at all, and the modules holding the most of the sample.
/// </summary>
/// <param name="Sampled">Objects sampled.</param>
/// <param name="FromModules">Sampled objects that some module reaches.</param>
/// <param name="FromFramesOnly">Sampled objects that only frames reach.</param>
/// <param name="Unreached">Sampled objects that no root reaches (held by C code, cycles awaiting collection, …).</param>
/// <param name="TopModules">Modules by how many sampled objects have them as nearest module, most first.</param>
public sealed record RootSummary(
    int Sampled,
    int FromModules,
    int FromFramesOnly,
    int Unreached,
    IReadOnlyList<TopEntry> TopModules);
