using Objex.Snapshot;

namespace Objex.Query;

/// <summary>Shallow size.</summary>
internal readonly struct ShallowSizeMeasure(HeapSnapshot snapshot) : IObjectMeasure
{
    public long Measure(int id) => snapshot.ShallowSize((ObjId)id);
}

/// <summary>
/// Retained size; a module's own <c>__dict__</c> is left out (-1): it retains what its module does less the
/// module's few bytes, so it would take a second row for the same memory right under the module's.
/// </summary>
internal readonly struct RetainedSizeMeasure(HeapSnapshot snapshot) : IObjectMeasure
{
    public long Measure(int id)
    {
        var obj = (ObjId)id;
        var dominator = snapshot.ImmediateDominator(obj);
        return (int)dominator >= 0 && snapshot.KindOf(dominator) == ObjKind.Module && IsDictOf(snapshot, dominator, obj)
            ? -1
            : snapshot.RetainedSize(obj);
    }

    // Only objects a module (or, for ContainerRetainedMeasure, a class) dominates get here, and only its
    // reference to them is read: a few thousand label lookups, nothing next to the pass.
    internal static bool IsDictOf(HeapSnapshot snapshot, ObjId owner, ObjId obj)
    {
        foreach (var edge in snapshot.OutEdges(owner))
        {
            if (snapshot.EdgeTarget(edge) == obj && snapshot.EdgeLabel(edge) == ".__dict__")
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Number of references to the object.</summary>
internal readonly struct ReferrerCountMeasure(HeapSnapshot snapshot) : IObjectMeasure
{
    public long Measure(int id) => snapshot.InEdges((ObjId)id).Length;
}
