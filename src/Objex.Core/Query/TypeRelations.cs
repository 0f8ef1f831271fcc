namespace Objex.Query;

/// <summary>What <c>in</c> adds for a type object: its bases, the rest of its MRO, its subtypes and its instances.</summary>
/// <param name="Bases">Direct base types, in declaration order.</param>
/// <param name="OtherMro">The rest of the MRO after the type and its direct bases (C3 linearisation of the bases recorded).</param>
/// <param name="Subtypes">Types that name it as a direct base.</param>
/// <param name="InstanceCount">How many instances it has.</param>
/// <param name="Instances">The first instances, up to the limit asked.</param>
public sealed record TypeRelations(
    IReadOnlyList<ObjectSummary> Bases,
    IReadOnlyList<ObjectSummary> OtherMro,
    IReadOnlyList<ObjectSummary> Subtypes,
    long InstanceCount,
    IReadOnlyList<ObjectSummary> Instances);
