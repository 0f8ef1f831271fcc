namespace Objex.Snapshot;

/// <summary>
/// Facts about the dumped process and the dump, from analysis.db's `meta` row. Values a dump
/// from the original objex collector does not record are null.
/// </summary>
public sealed record DumpMeta
{
    /// <summary>File name (no directory) of the dump the analysis was made from.</summary>
    public required string SourceDumpFile { get; init; }

    /// <summary>Host name of the dumped process.</summary>
    public required string Hostname { get; init; }

    /// <summary>When the dump started, UTC, as the dump recorded it (`YYYY-MM-DD HH:MM:SS`).</summary>
    public required string Timestamp { get; init; }

    /// <summary>Process id of the dumped process.</summary>
    public required long Pid { get; init; }

    /// <summary>When the process started, in clock ticks after boot (`process_start_ticks`); with <see cref="Pid"/> it names one process. Null when not recorded.</summary>
    public long? ProcessStartTicks { get; init; }

    /// <summary>Python version, e.g. `3.11.7`; null for original dumps.</summary>
    public string? PythonVersion { get; init; }

    /// <summary>`platform.platform()` of the dumped process; null for original dumps.</summary>
    public string? Platform { get; init; }

    /// <summary>Current RSS in bytes before the dump; null for original dumps.</summary>
    public long? RssBytes { get; init; }

    /// <summary>Peak RSS in bytes (from `peak_rss_bytes`, else `memory_mb`).</summary>
    public long? PeakRssBytes { get; init; }

    /// <summary>The collector that wrote the dump (`objex-py x.y`, or `original objex`).</summary>
    public required string Collector { get; init; }

    /// <summary>Rows in `object`.</summary>
    public required long ObjectCount { get; init; }

    /// <summary>Rows the dump had in `reference` (before the analysis added `.__class__` rows).</summary>
    public required long ReferenceCount { get; init; }

    /// <summary>Sum of all objects' shallow sizes in bytes.</summary>
    public required long TotalShallowBytes { get; init; }

    /// <summary>The refcount that marks immortal objects, or null when there is none.</summary>
    public long? ImmortalRefcount { get; init; }

    /// <summary>Objects whose refcount is <see cref="ImmortalRefcount"/>.</summary>
    public required long ImmortalObjectCount { get; init; }

    /// <summary>References skipped by the analysis because an end names no object.</summary>
    public required long DanglingReferenceCount { get; init; }

    /// <summary>`gc.isenabled()` in the program when the dump began; null when the dump does not say.</summary>
    public bool? GcEnabled { get; init; }

    /// <summary>`gc.get_threshold()` as `[t0,t1,t2]`, when recorded.</summary>
    public string? GcThresholds { get; init; }

    /// <summary>`gc.get_count()` as `[c0,c1,c2]` (the dump's `gc_info`), when recorded.</summary>
    public string? GcCounts { get; init; }

    /// <summary>Seconds the collector took (`duration_s`).</summary>
    public required double DurationSeconds { get; init; }
}
