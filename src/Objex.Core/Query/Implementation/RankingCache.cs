namespace Objex.Query;

/// <summary>
/// Rankings over every object (top by retained size, the treemap's top level), each computed once per session
/// rather than per request: the dump never changes, so the list for the largest count asked so far is kept and a
/// smaller count is its prefix (every ranking here has a total order, value then id, so the first k of the top k'
/// are the top k). A web page asking for the top 15 on a 600,000-node list costs a copy of 15 rows, not a scan.
/// </summary>
internal sealed class RankingCache<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, (int Asked, List<(int Id, long Value)> Rows)> _rankings = [];

    /// <summary>The first <paramref name="count"/> rows of the ranking <paramref name="key"/>; <paramref name="rank"/> computes it when the cache cannot answer.</summary>
    internal IReadOnlyList<(int Id, long Value)> Get(TKey key, int count, Func<int, List<(int Id, long Value)>> rank)
    {
        // Fewer rows than were asked for means the ranking is complete: every larger count gets the same rows.
        if (!_rankings.TryGetValue(key, out var known) || (count > known.Asked && known.Rows.Count == known.Asked))
        {
            known = (count, rank(count));
            _rankings[key] = known;
        }

        return known.Rows.Count > count ? known.Rows.GetRange(0, count) : known.Rows;
    }
}
