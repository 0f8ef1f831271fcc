namespace Objex.Snapshot;

/// <summary>Names of the arrays in `graph_array` (docs/analysis-format.md lists their meaning).</summary>
internal static class GraphArrayNames
{
    internal const string FwdOffsets = "fwd_offsets";
    internal const string FwdTargets = "fwd_targets";
    internal const string EdgeKind = "edge_kind";
    internal const string EdgeRowId = "edge_rowid";
    internal const string ObjType = "obj_type";
    internal const string ObjSize = "obj_size";
    internal const string ObjKind = "obj_kind";
    internal const string ObjAddress = "obj_address";
    internal const string ModuleParentEdge = "module_parent_edge";
    internal const string ModuleDistance = "module_distance";
    internal const string FrameParentEdge = "frame_parent_edge";
    internal const string FrameDistance = "frame_distance";
    internal const string Idom = "idom";
    internal const string Retained = "retained";
    internal const string VirtualRetained = "virtual_retained";
    internal const string UnseenRefs = "unseen_refs";
}
