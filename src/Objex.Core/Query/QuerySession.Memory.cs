namespace Objex.Query;

/// <summary>Where the process's resident memory was when the dump started.</summary>
public sealed partial class QuerySession
{
    private RssBreakdown? _rss;

    /// <summary>
    /// RSS as a breakdown that adds up (<see cref="RssBreakdown"/>); null when the dump recorded no memory
    /// measurements (dumps from before them, the original's). Computed once from a few rows.
    /// </summary>
    public RssBreakdown? Rss()
    {
        if (_rss is not null)
        {
            return _rss;
        }

        var facts = _snapshot.Memory();
        return facts is null ? null : _rss = RssAccounting.Compute(facts, _snapshot.Meta.TotalShallowBytes);
    }
}
