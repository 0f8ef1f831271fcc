using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// One object of B for each growth entry of a <see cref="HeapDiff"/>, for a face to go to: a new object of the
/// entry's group when it has one (the first by id), else one of its objects in both dumps whose retained size
/// changed. One pass over B's group array.
/// </summary>
internal static class GrowthSampler
{
    internal static ObjId[] Of(DiffSides sides, IReadOnlyList<GrowthEntry> growth)
    {
        var groupOf = sides.GroupOfB;
        var match = sides.MatchOfB;
        var sample = new int[sides.Groups.Count];
        var sampleIsNew = new bool[sample.Length];
        Array.Fill(sample, -1);
        for (var i = 0; i < groupOf.Length; i++)
        {
            var g = groupOf[i];
            if (g == DiffSides.NoGroup || sampleIsNew[g])
            {
                continue;
            }

            var isNew = match is null || match[i] < 0;
            if (isNew || sample[g] < 0)
            {
                (sample[g], sampleIsNew[g]) = (i, isNew);
            }
        }

        var samples = new ObjId[growth.Count];
        for (var e = 0; e < samples.Length; e++)
        {
            samples[e] = (ObjId)sample[sides.GroupOf(growth[e])];
        }

        return samples;
    }
}
