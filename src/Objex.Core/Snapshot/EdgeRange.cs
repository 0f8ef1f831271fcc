namespace Objex.Snapshot;

/// <summary>A contiguous range of edge ids (an object's outgoing edges); enumerable with foreach, allocation-free.</summary>
public readonly struct EdgeRange
{
    private readonly int _start;
    private readonly int _end;

    internal EdgeRange(int start, int end)
    {
        _start = start;
        _end = end;
    }

    /// <summary>The first edge's id (an exporter numbers an edge by its position in its object's range).</summary>
    internal int Start => _start;

    /// <summary>Number of edges.</summary>
    public int Count => _end - _start;

    /// <summary>The <paramref name="index"/>-th edge.</summary>
    public EdgeId this[int index] => (uint)index < (uint)Count ? (EdgeId)(_start + index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Enumerates the edge ids.</summary>
    public Enumerator GetEnumerator() => new(_start, _end);

    /// <summary>Allocation-free enumerator over an <see cref="EdgeRange"/>.</summary>
    public struct Enumerator
    {
        private readonly int _end;
        private int _current;

        internal Enumerator(int start, int end)
        {
            _current = start - 1;
            _end = end;
        }

        /// <summary>The current edge.</summary>
        public readonly EdgeId Current => (EdgeId)_current;

        /// <summary>Advances to the next edge.</summary>
        public bool MoveNext() => ++_current < _end;
    }
}
