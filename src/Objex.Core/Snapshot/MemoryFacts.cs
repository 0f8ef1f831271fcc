namespace Objex.Snapshot;

/// <summary>
/// What the collector measured of the process's memory when the dump started (the dump's <c>memory</c> and
/// <c>external_buffer</c> tables, docs/dump-format.md): raw, as recorded; <c>Query.RssBreakdown</c> makes a
/// breakdown of them.
/// </summary>
/// <param name="Values">Each <c>memory</c> row as <c>source.name</c> → value (e.g. <c>maps.anon</c>, <c>pymalloc.allocated_blocks</c>).</param>
/// <param name="ExternalByPlace">Bytes of <c>external_buffer</c> by place: <c>heap</c>, <c>file</c>, <c>shmem</c>, <c>anon</c>.</param>
public sealed record MemoryFacts(IReadOnlyDictionary<string, long> Values, IReadOnlyDictionary<string, long> ExternalByPlace)
{
    /// <summary>The value of <c>source.name</c>, or 0 when the dump did not record it.</summary>
    public long Value(string key) => Values.TryGetValue(key, out var v) ? v : 0;

    /// <summary>True when the dump recorded <c>source.name</c>.</summary>
    public bool Has(string key) => Values.ContainsKey(key);

    /// <summary>External bytes living at <paramref name="place"/>, 0 when none.</summary>
    public long External(string place) => ExternalByPlace.TryGetValue(place, out var v) ? v : 0;
}
