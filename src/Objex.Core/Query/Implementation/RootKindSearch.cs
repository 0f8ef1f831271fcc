using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Which kinds of root (modules, thread stacks, objects held from C, garbage) reach an object the dominator tree puts
/// directly under its super-root, i.e. one that more than one kind reaches: the dominator tree says "more than
/// one", not which.
/// Algorithm: backward search over retaining references (the dominators' rule, Graph.StrongReverse.Retains: not
/// weak ones, a namespace reference only into an object no strong reference holds, and only holders a root
/// reaches where there are any; no reference retains a
/// root, but roots sit under their buckets and are never searched from), jumping
/// from each referrer to the top of its dominator chain: a top under a bucket is reached by that bucket's kind
/// alone (the bucket dominates it); a top under the super-root is searched in turn. Chain walks are memoised
/// with path compression in the session's scratch, so each object is walked once and the cost is
/// O(objects walked + in-edges of the super-root children searched); it stops once all four kinds are found.
/// </summary>
internal sealed class RootKindSearch(HeapSnapshot snapshot, VisitStamps stamps)
{
    private readonly List<int> _walk = [];

    /// <summary>The kinds of root that reach <paramref name="top"/>, an object whose immediate dominator is the super-root.</summary>
    internal RootKinds Search(ObjId top, CancellationToken cancellationToken)
    {
        var kinds = RootKinds.None;
        stamps.Reset();
        stamps.Visit((int)top, (int)top);
        var searched = 0;
        while (kinds != RootKinds.All && stamps.TryDequeue(out var current))
        {
            var obj = (ObjId)current;
            if (snapshot.ModuleTree.IsRoot(obj))
            {
                kinds |= RootKinds.Modules;
            }

            if (snapshot.FrameTree.IsRoot(obj))
            {
                kinds |= RootKinds.ThreadStacks;
            }

            if ((++searched & 0xFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Only holders a root reaches count when there are any (Graph.StrongReverse): a
            // holder is reached by a root unless the top of its dominator chain is unreachable's.
            bool strongHeld = false, rootedHolder = false, rootedStrongHeld = false;
            foreach (var edge in snapshot.InEdges(obj))
            {
                var kind = snapshot.KindOf(edge);
                if (!RetentionRule.Retains(kind, targetHeldStrongly: false))
                {
                    continue;
                }

                strongHeld |= RetentionRule.HoldsStrongly(kind);
                if (IsRooted((int)snapshot.EdgeSource(edge)))
                {
                    rootedHolder = true;
                    rootedStrongHeld |= RetentionRule.HoldsStrongly(kind);
                }
            }

            foreach (var edge in snapshot.InEdges(obj))
            {
                var source = (int)snapshot.EdgeSource(edge);
                if (!RetentionRule.Retains(snapshot.KindOf(edge), rootedHolder ? rootedStrongHeld : strongHeld)
                    || (rootedHolder && !IsRooted(source)))
                {
                    continue;
                }

                var referrerTop = TopOf(source);
                switch (snapshot.ImmediateDominator((ObjId)referrerTop))
                {
                    case ObjId.ModulesRoot:
                        kinds |= RootKinds.Modules;
                        break;
                    case ObjId.ThreadStacksRoot:
                        kinds |= RootKinds.ThreadStacks;
                        break;
                    case ObjId.UnreachableRoot:
                        kinds |= RootKinds.Unreachable;
                        break;
                    case ObjId.HeldFromCRoot:
                        kinds |= RootKinds.HeldFromC;
                        break;
                    default:
                        if (!stamps.IsVisited(referrerTop))
                        {
                            stamps.Visit(referrerTop, referrerTop);
                        }

                        break;
                }
            }
        }

        return kinds;
    }

    private bool IsRooted(int obj) => snapshot.ImmediateDominator((ObjId)TopOf(obj)) != ObjId.UnreachableRoot;

    /// <summary>The highest real object on <paramref name="obj"/>'s dominator chain; every object walked remembers it.</summary>
    private int TopOf(int obj)
    {
        _walk.Clear();
        var current = obj;
        int top;
        while (true)
        {
            if (stamps.IsVisited(current))
            {
                top = stamps.Via(current);
                break;
            }

            var dominator = (int)snapshot.ImmediateDominator((ObjId)current);
            if (dominator < 0)
            {
                top = current;
                break;
            }

            _walk.Add(current);
            current = dominator;
        }

        foreach (var walked in _walk)
        {
            stamps.Stamp(walked, top);
        }

        return top;
    }
}
