using Objex.Snapshot;

namespace Objex.Graph;

/// <summary>
/// The heap as flat arrays: N objects (dense ids), E edges in forward CSR (grouped by source,
/// stable in dump row order). Budget: 13 B per object + 9 B per edge. Ids are typed
/// (<see cref="ObjId"/>; an edge's id, <see cref="EdgeId"/>, is its slot 0..E-1); a hot loop may
/// view an id array as <c>int</c>s (<c>MemoryMarshal.Cast</c>: the same 4 bytes per element).
/// </summary>
internal sealed class HeapGraph
{
    internal HeapGraph(ObjId[] objType, long[] objSize, byte[] objKind, int[] fwdOffsets, ObjId[] fwdTargets, byte[] edgeKind, int[] edgeRowId)
    {
        ObjType = objType;
        ObjSize = objSize;
        ObjKind = objKind;
        FwdOffsets = fwdOffsets;
        FwdTargets = fwdTargets;
        EdgeKind = edgeKind;
        EdgeRowId = edgeRowId;
    }

    internal int NodeCount => ObjType.Length;

    internal int EdgeCount => FwdTargets.Length;

    /// <summary>`object.pytype` per object (<see cref="ObjId.None"/> when it names no object).</summary>
    internal ObjId[] ObjType { get; }

    internal long[] ObjSize { get; }

    /// <summary><see cref="Snapshot.ObjKind"/> per object.</summary>
    internal byte[] ObjKind { get; }

    /// <summary>Per object, the first of its edges (N + 1 entries): its edges are <c>FwdOffsets[obj] .. FwdOffsets[obj + 1] - 1</c>.</summary>
    internal int[] FwdOffsets { get; }

    /// <summary>The target of each edge.</summary>
    internal ObjId[] FwdTargets { get; }

    /// <summary><see cref="Snapshot.EdgeKind"/> per edge.</summary>
    internal byte[] EdgeKind { get; }

    /// <summary>`reference.rowid` per edge.</summary>
    internal int[] EdgeRowId { get; }
}
