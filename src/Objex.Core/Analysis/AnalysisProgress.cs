namespace Objex.Analysis;

/// <summary>Where make-analysis-db is: a phase name and the fraction of the whole job done (0..1).</summary>
/// <param name="Phase">e.g. "reading dump", "dominators".</param>
/// <param name="Fraction">0..1 over the whole job.</param>
public readonly record struct AnalysisProgress(string Phase, double Fraction);

/// <summary>What make-analysis-db did, for the command's summary line and the benchmark.</summary>
public sealed record AnalysisReport
{
    /// <summary>Objects in the dump.</summary>
    public required int ObjectCount { get; init; }

    /// <summary>Graph edges (dump references with both ends valid).</summary>
    public required int EdgeCount { get; init; }

    /// <summary>Rows the dump's `reference` table had.</summary>
    public required long ReferenceRows { get; init; }

    /// <summary>References skipped because an end names no object.</summary>
    public required long DanglingReferences { get; init; }

    /// <summary>References skipped because src or dst is NULL, text or a real number.</summary>
    public long NonIntegerReferences { get; init; }

    /// <summary>Objects whose size was NULL, not an integer or negative, counted as 0 bytes.</summary>
    public long UnreadableSizes { get; init; }

    /// <summary>Objects whose size was above <see cref="SizeCap"/>, counted as that (so no retained size overflows).</summary>
    public long CappedSizes { get; init; }

    /// <summary>The largest size an object is counted with: long.MaxValue / object count.</summary>
    public long SizeCap { get; init; }

    /// <summary>`.__class__` rows the analysis added.</summary>
    public required long ClassReferencesAdded { get; init; }

    /// <summary>Objects with a path from a module.</summary>
    public required int ModuleReachable { get; init; }

    /// <summary>Objects with a path from a thread stack or live frame.</summary>
    public required int FrameReachable { get; init; }

    /// <summary>Garbage: objects that neither a root nor an object held from C reaches.</summary>
    public required int Unreachable { get; init; }

    /// <summary>Objects no root reaches that are held from C (dominated by the held-from-C bucket).</summary>
    public required int HeldFromC { get; init; }

    /// <summary>Bytes of the dump file.</summary>
    public required long DumpBytes { get; init; }

    /// <summary>Bytes of the analysis database written.</summary>
    public required long OutputBytes { get; init; }

    /// <summary>Seconds spent in each step, in order (for the benchmark's breakdown).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> StepSeconds { get; init; } = [];

    /// <summary>Wall-clock time of the whole job.</summary>
    public required TimeSpan Elapsed { get; init; }
}
