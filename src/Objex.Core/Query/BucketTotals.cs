using Objex.Snapshot;

namespace Objex.Query;

/// <summary>What one bucket of the dominator tree keeps alive: held from C, or garbage.</summary>
/// <param name="Bucket">The bucket (<see cref="ObjId.HeldFromCRoot"/> or <see cref="ObjId.UnreachableRoot"/>).</param>
/// <param name="Objects">Objects the bucket dominates (whose dominator chain ends there).</param>
/// <param name="Bytes">Their shallow bytes together: the bucket's retained size.</param>
/// <param name="Entries">The bucket's entry objects (its children in the dominator tree).</param>
/// <param name="Types">The types holding most of those bytes, most first (at most <see cref="MaxTypes"/>).</param>
public sealed record BucketTotals(ObjId Bucket, long Objects, long Bytes, long Entries, IReadOnlyList<TypeShare> Types)
{
    /// <summary>Types listed at most.</summary>
    public const int MaxTypes = 3;
}

/// <summary>One type's part of a bucket.</summary>
/// <param name="Type">The type object.</param>
/// <param name="TypeName">Its name as labels give it.</param>
/// <param name="Objects">Objects of that type in the bucket.</param>
/// <param name="Bytes">Their shallow bytes.</param>
public sealed record TypeShare(ObjId Type, string TypeName, long Objects, long Bytes);
