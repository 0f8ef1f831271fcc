using Objex.Snapshot;

namespace Objex.Query;

/// <summary>Shallow size.</summary>
internal readonly struct ShallowSizeMeasure(HeapSnapshot snapshot) : IObjectMeasure
{
    public long Measure(int id) => snapshot.ShallowSize((ObjId)id);
}

/// <summary>Retained size.</summary>
internal readonly struct RetainedSizeMeasure(HeapSnapshot snapshot) : IObjectMeasure
{
    public long Measure(int id) => snapshot.RetainedSize((ObjId)id);
}

/// <summary>Number of references to the object.</summary>
internal readonly struct ReferrerCountMeasure(HeapSnapshot snapshot) : IObjectMeasure
{
    public long Measure(int id) => snapshot.InEdges((ObjId)id).Length;
}
