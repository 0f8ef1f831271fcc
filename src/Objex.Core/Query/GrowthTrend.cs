namespace Objex.Query;

/// <summary>
/// Objects of one type at one place that grew between the first and the second of three dumps, between the second
/// and the third, or in both (LeakCanary's method: growth that goes on is the strongest sign of a leak; a cache that
/// filled once and then churns grew only in the first).
/// </summary>
/// <param name="Path">Where they are held, as the latest dump that lists them names it (its key is the match).</param>
/// <param name="TypeName">Their type, qualified.</param>
/// <param name="First">Their growth from the first dump to the second, or null when they did not grow then.</param>
/// <param name="Second">Their growth from the second dump to the third, or null when they did not grow then.</param>
public sealed record GrowthTrend(NormalisedRootPath Path, string TypeName, GrowthEntry? First, GrowthEntry? Second)
{
    /// <summary>True when they grew in both intervals.</summary>
    public bool GrewInBoth => First is not null && Second is not null;

    /// <summary>Objects more at the place in the third dump than in the first, over the intervals they grew in.</summary>
    public long CountDelta => (First?.CountDelta ?? 0) + (Second?.CountDelta ?? 0);

    /// <summary>Retained bytes more, over the intervals they grew in.</summary>
    public long RetainedDelta => (First?.RetainedDelta ?? 0) + (Second?.RetainedDelta ?? 0);
}
