using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// A type's instances ranked by <see cref="RetainedRanking"/>, so a type's page can page down to
/// the biggest of 50,000 dicts. Finding them is one pass over every object's type (O(N): ~8 ms at
/// 1 M objects) and a sort of the instances (O(k log k)); the dump never changes, so the rankings of
/// the last few types asked are kept and each further page of them costs only its rows.
/// </summary>
internal sealed class TypeInstanceIndex(HeapSnapshot snapshot)
{
    // A user pages through one type, glances at another and comes back: a handful is enough. At most
    // 4 bytes per instance each (2 MB for a type with half of a 1 M-object heap).
    private const int RememberedTypes = 4;

    private readonly List<(ObjId Type, ObjId[] Ranked)> _recent = [];

    /// <summary>Every instance of <paramref name="type"/>, largest retained first.</summary>
    public ObjId[] Ranked(ObjId type, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _recent.Count; i++)
        {
            if (_recent[i].Type == type)
            {
                var hit = _recent[i];
                _recent.RemoveAt(i);
                _recent.Add(hit);
                return hit.Ranked;
            }
        }

        var ranked = Rank(type, cancellationToken);
        if (_recent.Count == RememberedTypes)
        {
            _recent.RemoveAt(0);
        }

        _recent.Add((type, ranked));
        return ranked;
    }

    private ObjId[] Rank(ObjId type, CancellationToken cancellationToken)
    {
        var instances = new List<ObjId>();
        for (var obj = 0; obj < snapshot.ObjectCount; obj++)
        {
            // A check per 64 Ki objects: often enough to stop within a millisecond, too rare to cost.
            if ((obj & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (snapshot.TypeOf((ObjId)obj) == type)
            {
                instances.Add((ObjId)obj);
            }
        }

        var ranked = instances.ToArray();
        RetainedRanking.Sort(snapshot, ranked);
        return ranked;
    }
}
