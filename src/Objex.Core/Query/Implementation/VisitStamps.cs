namespace Objex.Query;

/// <summary>
/// Per-object scratch for graph searches: a generation stamp (visited or not) and the edge a search reached
/// the object by, plus a FIFO queue. Allocated once per session (8 B per object) and reused: starting a new
/// search bumps the generation instead of clearing N entries, so a search costs only what it visits.
/// </summary>
internal sealed class VisitStamps(int objectCount)
{
    private readonly int[] _stamp = new int[objectCount];
    private readonly int[] _via = new int[objectCount];
    private int[] _queue = new int[1024];
    private int _generation;
    private int _head;
    private int _tail;

    /// <summary>Starts a new search: nothing is visited, the queue is empty.</summary>
    internal void Reset()
    {
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }

        _head = 0;
        _tail = 0;
    }

    internal bool IsVisited(int obj) => _stamp[obj] == _generation;

    /// <summary>Marks <paramref name="obj"/> visited, reached by <paramref name="edge"/>, and queues it.</summary>
    internal void Visit(int obj, int edge)
    {
        Stamp(obj, edge);
        if (_tail == _queue.Length)
        {
            Array.Resize(ref _queue, _queue.Length * 2);
        }

        _queue[_tail++] = obj;
    }

    /// <summary>Marks <paramref name="obj"/> visited with a value <see cref="Via"/> returns, without queueing it (a memo).</summary>
    internal void Stamp(int obj, int value)
    {
        _stamp[obj] = _generation;
        _via[obj] = value;
    }

    /// <summary>The edge the search reached <paramref name="obj"/> by (-1 for the start).</summary>
    internal int Via(int obj) => _via[obj];

    internal bool TryDequeue(out int obj)
    {
        if (_head == _tail)
        {
            obj = -1;
            return false;
        }

        obj = _queue[_head++];
        return true;
    }

    /// <summary>Objects visited by the current search so far.</summary>
    internal int VisitedCount => _tail;
}
