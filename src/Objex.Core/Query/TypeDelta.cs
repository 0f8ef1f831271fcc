namespace Objex.Query;

/// <summary>One type's instances in A and in B.</summary>
/// <param name="TypeName">The type, qualified (<c>app.UserSession</c>); types of the two dumps are matched by this name.</param>
/// <param name="CountA">Instances in A.</param>
/// <param name="CountB">Instances in B.</param>
/// <param name="BytesA">Their shallow bytes in A.</param>
/// <param name="BytesB">Their shallow bytes in B.</param>
/// <param name="RetainedA">Their retained bytes in A (type_stats: an instance kept alive by another of the type counted once).</param>
/// <param name="RetainedB">The same in B.</param>
/// <param name="NewObjects">Instances in B whose address held no instance of the type in A; null under <c>--force</c>.</param>
/// <param name="FreedObjects">Instances in A whose address holds no instance of the type in B; null under <c>--force</c>.</param>
/// <param name="Surviving">Instances at the same address in both; null under <c>--force</c>.</param>
public sealed record TypeDelta(
    string TypeName, long CountA, long CountB, long BytesA, long BytesB, long RetainedA, long RetainedB, long? NewObjects, long? FreedObjects, long? Surviving)
{
    /// <summary>Instances more in B than in A.</summary>
    public long CountDelta => CountB - CountA;

    /// <summary>Shallow bytes more in B than in A.</summary>
    public long BytesDelta => BytesB - BytesA;

    /// <summary>Retained bytes more in B than in A.</summary>
    public long RetainedDelta => RetainedB - RetainedA;

    /// <summary>Whether anything about the type changed: its count, its retained bytes, or some instances replaced (churn).</summary>
    public bool Changed => CountA != CountB || RetainedA != RetainedB || NewObjects is > 0;
}
