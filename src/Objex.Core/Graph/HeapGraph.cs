namespace Objex.Graph;

/// <summary>
/// The heap as flat arrays: N objects (dense ids), E edges in forward CSR (grouped by source,
/// stable in dump row order). Budget: 13 B per object + 9 B per edge.
/// </summary>
internal sealed class HeapGraph
{
    internal HeapGraph(int[] objType, long[] objSize, byte[] objKind, int[] fwdOffsets, int[] fwdTargets, byte[] edgeKind, int[] edgeRowId)
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

    /// <summary>`object.pytype` per object (-1 when it names no object).</summary>
    internal int[] ObjType { get; }

    internal long[] ObjSize { get; }

    /// <summary><see cref="Snapshot.ObjKind"/> per object.</summary>
    internal byte[] ObjKind { get; }

    internal int[] FwdOffsets { get; }

    internal int[] FwdTargets { get; }

    /// <summary><see cref="Snapshot.EdgeKind"/> per edge.</summary>
    internal byte[] EdgeKind { get; }

    /// <summary>`reference.rowid` per edge.</summary>
    internal int[] EdgeRowId { get; }
}
