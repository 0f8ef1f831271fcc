namespace Objex.Query;

/// <summary>A type with its instance count and the bytes its instances hold.</summary>
/// <param name="Type">The type object.</param>
/// <param name="Instances">Number of instances.</param>
/// <param name="ShallowBytes">Sum of the instances' shallow sizes.</param>
/// <param name="RetainedBytes">Sum of the instances' retained sizes, counting an instance kept alive by another instance of the same type once.</param>
public sealed record TypeStats(ObjectSummary Type, long Instances, long ShallowBytes, long RetainedBytes);
