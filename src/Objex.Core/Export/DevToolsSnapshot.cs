using Objex.Query;
using Objex.Snapshot;

namespace Objex.Export;

/// <summary>
/// An analysis as a V8 heap snapshot (<c>.heapsnapshot</c>), the JSON that Chrome DevTools' Memory panel and memlab
/// load: <c>snapshot.meta</c>, then <c>nodes</c>, <c>edges</c> and <c>strings</c>, written from the graph arrays
/// straight into the stream. Node 0 is objex's super-root; nodes 1–4 are its buckets (modules, thread stacks,
/// held from C, garbage), each with an edge to every object it immediately dominates (the root has one to every
/// object more than one kind of root reaches); node 5 + i is object i, with id i. A reference the dominators of
/// objex did not count (weak and namespace references, references into roots, garbage's references to live
/// objects: exactly those whose source the target's dominator does not dominate) is a <c>weak</c> edge when it is
/// a weak reference and a <c>shortcut</c> otherwise; both readers skip those edges when they compute dominators,
/// so the dominators and retained sizes they compute from the file are objex's (every counted edge agrees with
/// objex's tree, and the tree's own edges are there, through the buckets' edges).
/// </summary>
public static class DevToolsSnapshot
{
    /// <summary>Nodes before the first object: the root and the four buckets.</summary>
    private const int VirtualNodeCount = 1 + 4;

    private const int NodeFieldCount = 7;

    // V8's node types (in its order), as far as Python objects map onto them.
    private const int HiddenNode = 0;
    private const int ArrayNode = 1;
    private const int StringNode = 2;
    private const int ObjectNode = 3;
    private const int CodeNode = 4;
    private const int ClosureNode = 5;
    private const int NumberNode = 7;
    private const int SyntheticNode = 9;

    /// <summary>
    /// About how many bytes of JSON a heap of this size becomes (~34 B per object and ~17 B per reference measured
    /// on real and synthetic heaps, rounded up), known before anything is written.
    /// </summary>
    public static long EstimateBytes(long objectCount, long edgeCount) => (objectCount * 36) + (edgeCount * 18) + 4096;

    /// <summary>Writes <paramref name="snapshot"/> as a heap snapshot; returns the bytes written.</summary>
    public static long Write(HeapSnapshot snapshot, Stream stream, CancellationToken cancel = default)
    {
        var strings = new StringTable();
        var labeler = new Labeler(snapshot);
        var edgeNames = DevToolsEdgeNames.Read(snapshot, strings, labeler, cancel);
        var dominators = new DominatorIntervals(snapshot);
        var json = new JsonTextOutput(stream);
        WriteMeta(json, snapshot);
        WriteNodes(json, snapshot, strings, labeler, cancel);
        WriteEdges(json, snapshot, edgeNames, dominators, strings, cancel);
        json.Raw("],\n\"trace_function_infos\":[],\n\"trace_tree\":[],\n\"samples\":[],\n\"locations\":[],\n\"strings\":["u8);
        for (var i = 0; i < strings.Strings.Count; i++)
        {
            json.Raw(i == 0 ? "\n"u8 : ",\n"u8);
            json.String(strings.Strings[i]);
        }

        json.Raw("]}\n"u8);
        json.Flush();
        return json.Written;
    }

    /// <summary>The buckets as the root lists them, with the names DevTools shows.</summary>
    private static readonly (ObjId Bucket, string Name)[] s_buckets =
    [
        (ObjId.ModulesRoot, "(modules)"),
        (ObjId.ThreadStacksRoot, "(thread stacks)"),
        (ObjId.HeldFromCRoot, "(held from C)"),
        (ObjId.UnreachableRoot, "(garbage)"),
    ];

    private static void WriteMeta(JsonTextOutput json, HeapSnapshot snapshot)
    {
        json.Raw("{\"snapshot\":{\"meta\":{\"node_fields\":[\"type\",\"name\",\"id\",\"self_size\",\"edge_count\",\"trace_node_id\",\"detachedness\"],\n"u8);
        json.Raw("\"node_types\":[[\"hidden\",\"array\",\"string\",\"object\",\"code\",\"closure\",\"regexp\",\"number\",\"native\",\"synthetic\",\"concatenated string\",\"sliced string\",\"symbol\",\"bigint\",\"object shape\"],\"string\",\"number\",\"number\",\"number\",\"number\",\"number\"],\n"u8);
        json.Raw("\"edge_fields\":[\"type\",\"name_or_index\",\"to_node\"],\n\"edge_types\":[["u8);
        for (var i = 0; i < DevToolsEdgeNames.TypeNames.Length; i++)
        {
            json.Raw(i == 0 ? ""u8 : ","u8);
            json.String(DevToolsEdgeNames.TypeNames[i]);
        }

        json.Raw("],\"string_or_number\",\"node\"],\n"u8);
        json.Raw("\"trace_function_info_fields\":[\"function_id\",\"name\",\"script_name\",\"script_id\",\"line\",\"column\"],\n\"trace_node_fields\":[\"id\",\"function_info_index\",\"count\",\"size\",\"children\"],\n\"sample_fields\":[\"timestamp_us\",\"last_assigned_id\"],\n\"location_fields\":[\"object_index\",\"script_id\",\"line\",\"column\"]},\n"u8);
        json.Raw("\"node_count\":"u8);
        json.Number(VirtualNodeCount + (long)snapshot.ObjectCount);
        json.Raw(",\"edge_count\":"u8);
        json.Number(snapshot.EdgeCount + (long)snapshot.DominatedChildren(ObjId.SuperRoot).Length + BucketChildren(snapshot));
        json.Raw(",\"trace_function_count\":0},\n\"nodes\":["u8);
    }

    private static long BucketChildren(HeapSnapshot snapshot)
    {
        long count = 0;
        foreach (var (bucket, _) in s_buckets)
        {
            count += snapshot.DominatedChildren(bucket).Length;
        }

        return count;
    }

    private static void WriteNodes(JsonTextOutput json, HeapSnapshot snapshot, StringTable strings, Labeler labeler, CancellationToken cancel)
    {
        var n = snapshot.ObjectCount;

        // The virtual nodes' ids follow the objects' (N + their index in VirtualNodes), so every id is distinct.
        WriteNode(json, first: true, SyntheticNode, strings.Intern("(objex super-root)"), n + VirtualNodes.Index(ObjId.SuperRoot), 0, snapshot.DominatedChildren(ObjId.SuperRoot).Length);
        foreach (var (bucket, name) in s_buckets)
        {
            WriteNode(json, first: false, SyntheticNode, strings.Intern(name), n + VirtualNodes.Index(bucket), 0, snapshot.DominatedChildren(bucket).Length);
        }

        var typeNodes = new Dictionary<int, (int Type, int Name)>();
        for (var i = 0; i < n; i++)
        {
            if ((i & 0xFFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }

            var obj = (ObjId)i;
            var type = snapshot.TypeOf(obj);
            if (!typeNodes.TryGetValue((int)type, out var node))
            {
                var name = labeler.QualifiedTypeName(type);
                node = (NodeType(name), strings.Intern(name));
                typeNodes.Add((int)type, node);
            }

            var kind = snapshot.KindOf(obj) switch
            {
                ObjKind.Function => ClosureNode,
                ObjKind.Code => CodeNode,
                ObjKind.Frame => HiddenNode,
                _ => node.Type,
            };
            WriteNode(json, first: false, kind, node.Name, i, snapshot.ShallowSize(obj), snapshot.OutEdges(obj).Count);
        }
    }

    private static int NodeType(string qualifiedTypeName) => qualifiedTypeName switch
    {
        "str" or "bytes" or "bytearray" => StringNode,
        "int" or "float" or "bool" or "complex" => NumberNode,
        "list" or "tuple" => ArrayNode,
        _ => ObjectNode,
    };

    private static void WriteNode(JsonTextOutput json, bool first, int type, int name, long id, long size, int edgeCount)
    {
        if (!first)
        {
            json.Raw(",\n"u8);
        }

        json.Number(type);
        json.CommaNumber(name);
        json.CommaNumber(id);
        json.CommaNumber(size);
        json.CommaNumber(edgeCount);
        json.Raw(",0,0"u8);
    }

    private static void WriteEdges(
        JsonTextOutput json, HeapSnapshot snapshot, DevToolsEdgeNames names, DominatorIntervals dominators, StringTable strings, CancellationToken cancel)
    {
        json.Raw("],\n\"edges\":["u8);
        var first = true;
        var index = 0;
        foreach (var child in snapshot.DominatedChildren(ObjId.SuperRoot))
        {
            WriteEdge(json, ref first, DevToolsEdgeNames.Element, index++, NodeIndex(child));
        }

        foreach (var (bucket, _) in s_buckets)
        {
            index = 0;
            foreach (var child in snapshot.DominatedChildren(bucket))
            {
                if (bucket == ObjId.ModulesRoot && snapshot.ModuleName(child) is { } module)
                {
                    WriteEdge(json, ref first, DevToolsEdgeNames.Property, strings.Intern(module), NodeIndex(child));
                }
                else
                {
                    WriteEdge(json, ref first, DevToolsEdgeNames.Element, index, NodeIndex(child));
                }

                index++;
            }
        }

        for (var i = 0; i < snapshot.ObjectCount; i++)
        {
            if ((i & 0xFFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }

            var source = (ObjId)i;
            var range = snapshot.OutEdges(source);
            foreach (var edge in range)
            {
                var e = (int)edge;
                var target = snapshot.EdgeTarget(edge);
                var type = names.Types[e];
                var name = type == DevToolsEdgeNames.Hidden ? e - range.Start : names.Names[e];
                if (snapshot.KindOf(edge) == EdgeKind.Weak)
                {
                    type = DevToolsEdgeNames.Weak;
                }
                else if (!dominators.Dominates(snapshot.ImmediateDominator(target), source))
                {
                    type = DevToolsEdgeNames.Shortcut;
                }

                if (type is DevToolsEdgeNames.Weak or DevToolsEdgeNames.Shortcut && names.Types[e] is DevToolsEdgeNames.Element or DevToolsEdgeNames.Hidden)
                {
                    // These two types are named by a string: an index becomes its text.
                    name = strings.Intern(name.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                WriteEdge(json, ref first, type, name, NodeIndex(target));
            }
        }
    }

    private static void WriteEdge(JsonTextOutput json, ref bool first, int type, int nameOrIndex, long toNode)
    {
        if (!first)
        {
            json.Raw(",\n"u8);
        }

        first = false;
        json.Number(type);
        json.CommaNumber(nameOrIndex);
        json.CommaNumber(toNode * NodeFieldCount);
    }

    private static long NodeIndex(ObjId node)
    {
        if ((int)node >= 0)
        {
            return VirtualNodeCount + (long)(int)node;
        }

        return node == ObjId.SuperRoot ? 0 : 1 + Array.FindIndex(s_buckets, b => b.Bucket == node);
    }
}
