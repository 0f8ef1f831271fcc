using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// The order every list ranked by retained size uses (a type's instances, what an object keeps alive, the
/// web's treemap tiles): largest retained size first, ties by id, so a page boundary falls in the same place
/// on every request (an unstable sort alone would move equal sizes between pages).
/// </summary>
public static class RetainedRanking
{
    /// <summary>
    /// Sorts <paramref name="objects"/> in place: a sort of primitive keys, then each run of equal
    /// sizes by id. Faster than one sort with a comparer that reads both sizes per comparison: a
    /// type's 150,329 lists in a 565,177-object analysis ranked in 67 ms instead of 101 ms (the whole
    /// request, Debug build, load average 5).
    /// </summary>
    public static void Sort(HeapSnapshot snapshot, ObjId[] objects)
    {
        var keys = new long[objects.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            keys[i] = -snapshot.RetainedSize(objects[i]);
        }

        Array.Sort(keys, objects);
        for (int start = 0, end; start < objects.Length; start = end)
        {
            for (end = start + 1; end < objects.Length && keys[end] == keys[start]; end++)
            {
            }

            if (end - start > 1)
            {
                Array.Sort(objects, start, end - start);
            }
        }
    }
}
