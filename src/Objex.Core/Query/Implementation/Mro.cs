using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// A type's method resolution order from the bases the dump recorded: C3 linearisation, as Python computes
/// it. Iterative over an explicit work list (no recursion), memoised per type; an inconsistent or cyclic
/// hierarchy (a damaged dump) yields an empty MRO rather than an error.
/// </summary>
internal sealed class Mro(Func<ObjId, List<ObjId>> bases)
{
    private readonly Dictionary<ObjId, List<ObjId>?> _memo = [];

    /// <summary>The type itself first, then its ancestors in MRO order; empty when the hierarchy is inconsistent.</summary>
    internal List<ObjId> Of(ObjId type)
    {
        var pending = new Stack<ObjId>();
        pending.Push(type);
        var inProgress = new HashSet<ObjId>();
        while (pending.Count > 0)
        {
            var current = pending.Peek();
            if (_memo.ContainsKey(current))
            {
                pending.Pop();
                continue;
            }

            var direct = bases(current);
            var missing = direct.Where(b => !_memo.ContainsKey(b)).ToList();
            if (missing.Count > 0 && inProgress.Add(current))
            {
                foreach (var b in missing)
                {
                    pending.Push(b);
                }

                continue;
            }

            // Either every base is known, or we came back to a type already in progress (a cycle).
            _memo[current] = missing.Count > 0 ? null : Merge(current, direct);
            pending.Pop();
        }

        return _memo[type] ?? [];
    }

    private List<ObjId>? Merge(ObjId type, List<ObjId> direct)
    {
        var sequences = new List<List<ObjId>>();
        foreach (var b in direct)
        {
            if (_memo[b] is not { } mro)
            {
                return null;
            }

            sequences.Add([.. mro]);
        }

        sequences.Add([.. direct]);
        var result = new List<ObjId> { type };
        while (true)
        {
            sequences.RemoveAll(s => s.Count == 0);
            if (sequences.Count == 0)
            {
                return result;
            }

            ObjId? candidate = null;
            foreach (var sequence in sequences)
            {
                var head = sequence[0];
                if (!sequences.Any(s => s.IndexOf(head) > 0))
                {
                    candidate = head;
                    break;
                }
            }

            if (candidate is not { } chosen)
            {
                return null;
            }

            result.Add(chosen);
            foreach (var sequence in sequences)
            {
                if (sequence[0] == chosen)
                {
                    sequence.RemoveAt(0);
                }
            }
        }
    }
}
