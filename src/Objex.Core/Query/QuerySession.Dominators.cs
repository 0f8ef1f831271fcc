using Objex.Snapshot;

namespace Objex.Query;

/// <summary>The dominator tree's answers: an object's chain and what it keeps alive, a treemap level.</summary>
public sealed partial class QuerySession
{
    /// <summary>The most dominators one page of a chain holds (each is a whole object summary: ~300 bytes of JSON).</summary>
    public const int MaxChainPage = 200;

    /// <summary>Retained size, dominator chain up to the root and the largest objects the object keeps alive.</summary>
    public DominatorChain Retained(ObjId id, int largest = 10, CancellationToken cancellationToken = default)
    {
        var obj = id;
        var summary = Summarize(id);
        var (chain, topmost, chainLength, top) = ChainEnds(obj);
        var current = _snapshot.ImmediateDominator(top);
        var rootDescription = current switch
        {
            ObjId.ModulesRoot => "held from modules",
            ObjId.ThreadStacksRoot => "held from thread stacks",
            ObjId.HeldFromCRoot => "held from C (reached from no module and no thread stack; references the dump could not see hold it)",
            ObjId.UnreachableRoot => "garbage (reached from no module, no thread stack and nothing held from C: a reference cycle waiting for the collector)",
            _ => $"held from more than one kind of root ({KindNames(new RootKindSearch(_snapshot, _stamps).Search(top, cancellationToken))})",
        };

        var children = _snapshot.DominatedChildren(obj);
        var largestKept = Summaries(DominatorChildRanking.Largest(_snapshot, children, largest));
        return new DominatorChain(summary, _snapshot.RetainedSize(obj), chain, chainLength, rootDescription, largestKept, children.Length)
        {
            Topmost = topmost,
            Skipped = chainLength - chain.Count - topmost.Count,
        };
    }

    /// <summary>
    /// Dominators <paramref name="offset"/> onwards (at most <paramref name="limit"/>, capped at <see cref="MaxChainPage"/>) of
    /// the object's chain, 0 being its immediate dominator: the middle <see cref="Retained"/> leaves out of a long chain.
    /// O(√depth) to reach the page, then the page.
    /// </summary>
    /// <exception cref="QueryException">Not an object, or a negative offset or limit.</exception>
    public IReadOnlyList<ObjectSummary> DominatorChainPage(ObjId id, int offset, int limit)
    {
        _labeler.RequireObject(id);
        if (offset < 0 || limit < 0)
        {
            throw new QueryException("a chain page needs offset ≥ 0 and limit ≥ 0");
        }

        var length = _dominatorAncestors.Chain(id).Length;
        return ChainStretch(id, Math.Min(offset, length), Math.Clamp(length - offset, 0, Math.Min(limit, MaxChainPage)));
    }

    /// <summary>
    /// The object's dominators, nearest first: the whole chain up to <see cref="MaxChainLength"/>, else (a linked list's last
    /// node has one dominator per node) its nearest and topmost halves of that, as a long root path shows its two ends.
    /// Also the chain's length and its topmost object (the object itself when it has no dominator).
    /// </summary>
    private (List<ObjectSummary> Near, List<ObjectSummary> Topmost, int Length, ObjId Top) ChainEnds(ObjId obj)
    {
        var (length, top) = _dominatorAncestors.Chain(obj);
        var end = length <= MaxChainLength ? length : MaxChainLength / 2;
        return (ChainStretch(obj, 0, end), end == length ? [] : ChainStretch(obj, length - end, end), length, top);
    }

    /// <summary>How many dominators the object has (<see cref="DominatorChain.ChainLength"/>), O(√depth).</summary>
    public int DominatorChainLength(ObjId id)
    {
        _labeler.RequireObject(id);
        return _dominatorAncestors.Chain(id).Length;
    }

    /// <summary>The <paramref name="count"/> dominators from chain position <paramref name="offset"/> (0: the immediate dominator), nearest first.</summary>
    private List<ObjectSummary> ChainStretch(ObjId obj, int offset, int count)
    {
        var stretch = new List<ObjectSummary>(count);
        var up = count > 0 ? _dominatorAncestors.Up(obj, offset + 1) : ObjId.None;
        for (; stretch.Count < count; up = _snapshot.ImmediateDominator(up))
        {
            stretch.Add(Summarize(up));
        }

        return stretch;
    }

    /// <summary>
    /// How many objects only this one keeps alive, directly or not: its whole dominator subtree, itself excluded
    /// (<see cref="DominatorChain.KeptCount"/> counts only those it keeps alive directly). O(that count).
    /// </summary>
    public int KeptAliveCount(ObjId id, CancellationToken cancellationToken = default)
    {
        _labeler.RequireObject(id);
        return DominatorSubtree.CountBelow(_snapshot, id, cancellationToken);
    }


    /// <summary>
    /// One node of the dominator tree with its place and its children, for a treemap: the super-root (whose
    /// children are the largest objects no other object keeps alive), a bucket or an object; the children
    /// are ranked and grouped by <see cref="DominatorChildRanking"/>. O(children + √depth).
    /// </summary>
    /// <exception cref="QueryException">Neither an object nor a virtual node.</exception>
    public DominatorLevel DominatorLevel(ObjId node, int limit, int groupOffset = 0)
    {
        if (node is ObjId.SuperRoot)
        {
            var top = TopLevel(limit);
            return new DominatorLevel(node, null, _snapshot.RetainedSize(node), top.Count, node, [], top, [], BucketRests(top));
        }

        var above = new List<ObjectSummary>();
        var bucket = node;
        var aboveSkipped = 0;
        var aboveMiddle = ObjId.None;
        ObjectSummary? summary = null;
        if (!VirtualNodes.IsBucket(node))
        {
            summary = _labeler.Summarize(node);
            var (near, topmost, length, top) = ChainEnds(node);
            above.AddRange(near);
            above.AddRange(topmost);
            above.Reverse();
            aboveSkipped = length - above.Count;
            aboveMiddle = aboveSkipped > 0 ? _dominatorAncestors.Up(node, near.Count + (aboveSkipped / 2) + 1) : ObjId.None;
            bucket = _snapshot.ImmediateDominator(top);
        }

        var children = _snapshot.DominatedChildren(node);
        return Level(node, summary, _snapshot.RetainedSize(node), children, bucket, above, limit, groupOffset) with { AboveSkipped = aboveSkipped, AboveMiddle = aboveMiddle };
    }

    /// <summary>
    /// The objects more than one kind of root reaches (only the super-root dominates them: a module's value that a
    /// running frame also holds) as one treemap level, ranked and grouped like any node's children: the whole heap's
    /// rest, which its tiles and the buckets' do not show.
    /// </summary>
    public DominatorLevel SharedLevel(int limit, int groupOffset = 0)
    {
        var children = _snapshot.DominatedChildren(ObjId.SuperRoot)[VirtualNodes.Buckets.Length..];
        var retained = 0L;
        foreach (var child in children)
        {
            retained += _snapshot.RetainedSize(child);
        }

        return Level(ObjId.SuperRoot, null, retained, children, ObjId.SuperRoot, [], limit, groupOffset);
    }

    private DominatorLevel Level(
        ObjId node, ObjectSummary? summary, long retained, ReadOnlySpan<ObjId> children, ObjId bucket, List<ObjectSummary> above, int limit, int groupOffset)
    {
        var (own, byType) = DominatorChildRanking.ForMap(_snapshot, children, retained, limit);
        // A later page (the level's "rest" opened): the own tiles and the earlier groups are skipped.
        var offset = Math.Clamp(groupOffset, 0, byType.Count);
        var skipped = (Bytes: 0L, Count: 0L);
        if (offset > 0)
        {
            foreach (var child in own)
            {
                skipped = (skipped.Bytes + _snapshot.RetainedSize(child), skipped.Count + 1);
            }

            foreach (var group in byType.GetRange(0, offset))
            {
                skipped = (skipped.Bytes + group.Retained, skipped.Count + group.Count);
            }

            own = [];
        }

        var page = byType.GetRange(offset, Math.Min(ChildTypeGroup.MaxGroups, byType.Count - offset));
        var groups = new List<ChildTypeGroup>(page.Count);
        foreach (var group in page)
        {
            groups.Add(new ChildTypeGroup(_labeler.Summarize(group.Type), _labeler.Summarize(group.Sample).TypeName, group.Count, group.Retained));
        }

        return new DominatorLevel(node, summary, retained, children.Length, bucket, above, Summaries(own), groups, [])
        {
            GroupOffset = offset,
            Skipped = skipped,
            MoreGroups = offset + page.Count < byType.Count,
        };
    }

    /// <summary>Each bucket's retained size and children minus the top-level objects shown under it, largest first.</summary>
    private List<BucketRest> BucketRests(IReadOnlyList<ObjectSummary> shown)
    {
        var rests = new List<BucketRest>(VirtualNodes.Buckets.Length);
        foreach (var bucket in VirtualNodes.Buckets)
        {
            long retained = _snapshot.RetainedSize(bucket), children = _snapshot.DominatedChildren(bucket).Length;
            foreach (var tile in shown)
            {
                if (_snapshot.ImmediateDominator(tile.Id) == bucket)
                {
                    retained -= _snapshot.RetainedSize(tile.Id);
                    children--;
                }
            }

            if (retained > 0)
            {
                rests.Add(new BucketRest(bucket, retained, children));
            }
        }

        // And what only the super-root dominates (objects several kinds of root reach), beyond the tiles shown.
        long shared = 0, sharedCount = 0;
        foreach (var child in _snapshot.DominatedChildren(ObjId.SuperRoot)[VirtualNodes.Buckets.Length..])
        {
            shared += _snapshot.RetainedSize(child);
            sharedCount++;
        }

        foreach (var tile in shown)
        {
            if (_snapshot.ImmediateDominator(tile.Id) == ObjId.SuperRoot)
            {
                shared -= _snapshot.RetainedSize(tile.Id);
                sharedCount--;
            }
        }

        if (shared > 0)
        {
            rests.Add(new BucketRest(ObjId.SuperRoot, shared, sharedCount));
        }

        rests.Sort((a, b) => b.RetainedBytes.CompareTo(a.RetainedBytes));
        return rests;
    }

    /// <summary>
    /// The largest objects no other object keeps alive (their immediate dominator is a bucket or the
    /// super-root itself, for what both modules and stacks reach): the dominator tree's children of those
    /// virtual nodes, ranked among themselves (O(top-level objects), not a pass over every object, which on
    /// a linked list found one top-level object in every 480 it ranked). Ranked once per session.
    /// </summary>
    private List<ObjectSummary> TopLevel(int limit) =>
        Summaries(_rankings.Get(RankedList.TopLevel, limit, count =>
        {
            var heap = new TopHeap(count);
            foreach (var bucket in (ReadOnlySpan<ObjId>)[ObjId.SuperRoot, .. VirtualNodes.Buckets])
            {
                foreach (var child in _snapshot.DominatedChildren(bucket))
                {
                    // The super-root's first children are the buckets themselves.
                    if ((int)child >= 0)
                    {
                        heap.Offer((int)child, _snapshot.RetainedSize(child));
                    }
                }
            }

            return heap.Drain();
        }).Select(entry => (ObjId)entry.Id));

    private static string KindNames(RootKinds kinds)
    {
        var names = new List<string>(4);
        if (kinds.HasFlag(RootKinds.Modules))
        {
            names.Add("modules");
        }

        if (kinds.HasFlag(RootKinds.ThreadStacks))
        {
            names.Add("thread stacks");
        }

        if (kinds.HasFlag(RootKinds.HeldFromC))
        {
            names.Add("objects held from C");
        }

        if (kinds.HasFlag(RootKinds.Unreachable))
        {
            names.Add("garbage");
        }

        return string.Join(", ", names);
    }
}
