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
        var heap = new TopHeap(count);
        for (var id = 0; id < objectCount; id++)
        {
            if ((id & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            heap.Offer(id, measure.Measure(id));
        }

        return heap.Drain();
    }
}

/// <summary>
/// The bounded min-heap behind <see cref="TopSelector"/>, for callers that rank a subset of the objects (the
/// dominator tree's top level) rather than all of them.
/// </summary>
internal sealed class TopHeap(int count)
{
    private readonly PriorityQueue<int, (long Value, int NegatedId)> _heap = new(count + 1);

    /// <summary>Keeps <paramref name="id"/> when it is among the <c>count</c> largest so far; a negative value is left out.</summary>
    internal void Offer(int id, long value)
    {
        if (value < 0)
        {
            return;
        }

        if (_heap.Count < count)
        {
            _heap.Enqueue(id, (value, -id));
        }
        else if (_heap.TryPeek(out _, out var smallest) && value > smallest.Value)
        {
            _heap.EnqueueDequeue(id, (value, -id));
        }
    }

    /// <summary>Every object kept, largest first; the heap is empty afterwards.</summary>
    internal List<(int Id, long Value)> Drain()
    {
        var result = new List<(int, long)>(_heap.Count);
        while (_heap.TryDequeue(out var id, out var priority))
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
