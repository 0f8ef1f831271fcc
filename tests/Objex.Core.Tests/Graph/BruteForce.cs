namespace Objex.Core.Tests.Graph;

/// <summary>
/// Slow, obviously-correct reference answers on small graphs: reachability by repeated
/// search with one node removed, shortest paths by relaxation until nothing changes.
/// Virtual nodes are explicit: S = n, M = n+1, T = n+2, U = n+3 (garbage), H = n+4 (held from C).
/// </summary>
internal sealed class BruteForce
{
    private readonly int _n;
    private readonly List<int>[] _successors;

    internal BruteForce(int n, IReadOnlyList<(int Src, int Dst, byte Kind)> edges, int[] modules, int[] frameSources, int[]? unseen = null)
    {
        _n = n;
        _successors = Enumerable.Range(0, n + 5).Select(_ => new List<int>()).ToArray();
        // Which edges retain, by the documented rule: none into a root (a module, a frame
        // source); strong ones (kind 0); namespace ones (kind 2) only into an object no strong
        // edge points at; weak ones (kind 1) never; and where a holder that a root reaches (over
        // strong and namespace edges; objects held from C are alive too) may keep an object, only
        // such holders count.
        var roots = modules.Concat(frameSources).ToHashSet();
        var rooted = new bool[n];
        foreach (var r in roots)
        {
            rooted[r] = true;
        }

        for (var v = 0; v < n && unseen is not null; v++)
        {
            rooted[v] |= unseen[v] > 0;
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (src, dst, kind) in edges)
            {
                if (kind != 1 && rooted[src] && !rooted[dst])
                {
                    rooted[dst] = changed = true;
                }
            }
        }

        bool Counts((int Src, int Dst, byte Kind) e) =>
            e.Kind != 1 && (rooted[e.Src] || !edges.Any(o => o.Dst == e.Dst && o.Kind != 1 && rooted[o.Src]));
        var strongHeld = new bool[n];
        foreach (var e in edges)
        {
            strongHeld[e.Dst] |= e.Kind == 0 && Counts(e);
        }

        var retaining = edges.Where(e => !roots.Contains(e.Dst) && Counts(e) && (e.Kind == 0 || !strongHeld[e.Dst])).ToList();
        foreach (var (src, dst, _) in retaining)
        {
            _successors[src].Add(dst);
        }

        _successors[S].AddRange([M, T, H, U]);
        _successors[M].AddRange(modules);
        _successors[T].AddRange(frameSources);

        // The held-from-C bucket's entries, by the documented rule: every object no root reaches
        // whose refcount counts references the dump could not see.
        var fromRoots = Reachable(-1);
        for (var v = 0; v < n; v++)
        {
            if (!fromRoots[v] && unseen is not null && unseen[v] > 0)
            {
                _successors[H].Add(v);
            }
        }

        // The unreachable bucket's entries, by the documented rule: unreached objects nothing
        // holds strongly, then in id order each object still unreached.
        var held = new bool[n];
        foreach (var (_, dst, _) in retaining)
        {
            held[dst] = true;
        }

        var reached = Reachable(-1);
        for (var v = 0; v < n; v++)
        {
            if (!reached[v] && !held[v])
            {
                _successors[U].Add(v);
            }
        }

        reached = Reachable(-1);
        for (var v = 0; v < n; v++)
        {
            if (!reached[v])
            {
                _successors[U].Add(v);
                reached = Reachable(-1);
            }
        }
    }

    internal int S => _n;

    internal int M => _n + 1;

    internal int T => _n + 2;

    internal int U => _n + 3;

    internal int H => _n + 4;

    /// <summary>Nodes reachable from S when <paramref name="removed"/> is taken out (-1: none).</summary>
    internal bool[] Reachable(int removed)
    {
        var seen = new bool[_n + 5];
        if (removed == S)
        {
            return seen;
        }

        var stack = new Stack<int>();
        stack.Push(S);
        seen[S] = true;
        while (stack.Count > 0)
        {
            foreach (var next in _successors[stack.Pop()])
            {
                if (next != removed && !seen[next])
                {
                    seen[next] = true;
                    stack.Push(next);
                }
            }
        }

        return seen;
    }

    /// <summary>Shortest distances over kind-0 edges from the sources, by relaxation (Bellman–Ford).</summary>
    internal static int[] ShortestDistances(int n, IReadOnlyList<(int Src, int Dst, byte Kind)> edges, int[] sources)
    {
        var distance = Enumerable.Repeat(int.MaxValue, n).ToArray();
        foreach (var s in sources)
        {
            distance[s] = 0;
        }

        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (src, dst, kind) in edges)
            {
                if (kind == 0 && distance[src] != int.MaxValue && distance[src] + 1 < distance[dst])
                {
                    distance[dst] = distance[src] + 1;
                    changed = true;
                }
            }
        }

        return distance.Select(d => d == int.MaxValue ? -1 : d).ToArray();
    }
}
