namespace Objex.Query;

/// <summary>
/// The <c>count</c> largest values of a per-object measure, largest first (ties: smaller id first); a negative
/// measure leaves the object out. A bounded min-heap over one pass: O(N log count) time, O(count) memory, nothing allocated per object.
/// </summary>
internal static class TopSelector
{
    internal static List<(int Id, long Value)> Select<TMeasure>(int objectCount, int count, TMeasure measure, CancellationToken cancellationToken)
        where TMeasure : struct, IObjectMeasure
    {
        var heap = new PriorityQueue<int, (long Value, int NegatedId)>(count + 1);
        for (var id = 0; id < objectCount; id++)
        {
            if ((id & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var value = measure.Measure(id);
            if (value < 0)
            {
                continue;
            }

            if (heap.Count < count)
            {
                heap.Enqueue(id, (value, -id));
            }
            else if (heap.TryPeek(out _, out var smallest) && value > smallest.Value)
            {
                heap.EnqueueDequeue(id, (value, -id));
            }
        }

        var result = new List<(int, long)>(heap.Count);
        while (heap.TryDequeue(out var id, out var priority))
        {
            result.Add((id, priority.Value));
        }

        result.Reverse();
        return result;
    }
}

/// <summary>A per-object number to rank by; a struct so the JIT specialises <see cref="TopSelector.Select"/> for it.</summary>
internal interface IObjectMeasure
{
    long Measure(int id);
}
