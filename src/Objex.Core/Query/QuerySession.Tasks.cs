using Objex.Snapshot;

namespace Objex.Query;

/// <summary>asyncio Tasks: each with its state and its chain of awaits, read from the references the collector labels.</summary>
public sealed partial class QuerySession
{
    // A chain of awaits deeper than this is cut (a cycle cannot occur, but a damaged dump could hold one).
    private const int MaxAwaitDepth = 1_000;

    /// <summary>
    /// Every asyncio Task (instances of <c>_asyncio.Task</c>, <c>asyncio.tasks.Task</c> and their subclasses), by name
    /// (ids follow the gc's order, which varies from run to run), with its state and the coroutines it is
    /// suspended in. One pass over the objects' types, O(N).
    /// </summary>
    public IReadOnlyList<AsyncTask> AsyncTasks(CancellationToken cancellationToken = default)
    {
        var taskTypes = TaskTypes();
        var tasks = new List<AsyncTask>();
        if (taskTypes.Count == 0)
        {
            return tasks;
        }

        var onStacks = new HashSet<ObjId>();
        foreach (var thread in _snapshot.Threads)
        {
            if (thread.TopFrame != ObjId.None && _snapshot.IsObject(thread.TopFrame))
            {
                onStacks.UnionWith(OlderFrames(thread.TopFrame));
            }
        }

        for (var obj = 0; obj < _snapshot.ObjectCount; obj++)
        {
            if ((obj & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (taskTypes.Contains(_snapshot.TypeOf((ObjId)obj)))
            {
                tasks.Add(DescribeTask((ObjId)obj, onStacks));
            }
        }

        tasks.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : a.Task.Id.CompareTo(b.Task.Id));
        return tasks;
    }

    /// <summary>The asyncio Task types and every subclass of them.</summary>
    private HashSet<ObjId> TaskTypes()
    {
        var found = new HashSet<ObjId>();
        var pending = new Stack<ObjId>();
        foreach (var type in _sql.TypeObjects())
        {
            if (_snapshot.TypeName(type) == "Task" && _snapshot.ModuleName(_snapshot.TypeModule(type)) is "_asyncio" or "asyncio.tasks")
            {
                pending.Push(type);
            }
        }

        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (found.Add(type))
            {
                foreach (var subtype in _sql.Subtypes(type))
                {
                    pending.Push(subtype);
                }
            }
        }

        return found;
    }

    private AsyncTask DescribeTask(ObjId task, HashSet<ObjId> onStacks)
    {
        var edges = LabelledReferents(task);
        var waiter = Find(edges, "._fut_waiter");
        var awaiting = new List<AwaitStep>();
        var running = false;
        var seen = new HashSet<ObjId>();
        for (var step = Find(edges, "._coro"); step is { } current && awaiting.Count < MaxAwaitDepth && seen.Add(current); )
        {
            var stepEdges = LabelledReferents(current);
            var code = Find(stepEdges, ".cr_code") ?? Find(stepEdges, ".gi_code") ?? Find(stepEdges, ".ag_code");
            var frame = FrameOf(stepEdges);
            running |= frame is { } f && onStacks.Contains(f);
            var recorded = _sql.GeneratorLines(current);
            awaiting.Add(new AwaitStep(
                Summarize(current),
                code is { } c ? _snapshot.CodeName(c) : null,
                code is { } withFile && Find(LabelledReferents(withFile), ".co_filename") is { } file ? _snapshot.Details(file).Value : null,
                (frame is { } withLine ? _snapshot.Frame(withLine)?.LineNumber : null) ?? recorded.Line,
                recorded.FirstLine));
            step = Find(stepEdges, ".cr_await") ?? Find(stepEdges, ".gi_yieldfrom") ?? Find(stepEdges, ".ag_await")
                ?? (frame is { } awaitingFrame ? AwaitedFromFrame(awaitingFrame) : null);
        }

        var state = running ? "running"
            : waiter is not null ? "waiting"
            : Find(edges, "._exception") is not null || Find(edges, "._result") is not null ? "done"
            : "pending";
        var name = Find(edges, "._name") is { } named ? _snapshot.Details(named).Value : null;
        return new AsyncTask(Summarize(task), name, state, waiter is { } w ? Summarize(w) : null, awaiting);
    }

    private List<(string Edge, ObjId Target)> LabelledReferents(ObjId obj)
    {
        var range = _snapshot.OutEdges(obj);
        var edges = new List<(string, ObjId)>(range.Count);
        foreach (var edge in range)
        {
            edges.Add((_edgeText.Render(edge), _snapshot.EdgeTarget(edge)));
        }

        return edges;
    }

    private static ObjId? Find(List<(string Edge, ObjId Target)> edges, string label)
    {
        foreach (var (edge, target) in edges)
        {
            if (edge == label)
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>
    /// Up to 3.10 the object a suspended coroutine awaits is on its frame's value stack, which the collector records
    /// as an unlabelled reference of the frame (cr_await is then not among the coroutine's own referents): the
    /// frame's unlabelled coroutine or generator, if it has one.
    /// </summary>
    private ObjId? AwaitedFromFrame(ObjId frame)
    {
        foreach (var (edge, target) in LabelledReferents(frame))
        {
            if (edge == EdgeText.Unlabelled && _snapshot.TypeName(_snapshot.TypeOf(target)) is "coroutine" or "generator" or "async_generator")
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>The frame object a coroutine refers to: its <c>cr_frame</c> up to 3.10, or the frame of a running one.</summary>
    private ObjId? FrameOf(List<(string Edge, ObjId Target)> edges)
    {
        foreach (var (_, target) in edges)
        {
            if (_snapshot.KindOf(target) == ObjKind.Frame)
            {
                return target;
            }
        }

        return null;
    }
}
