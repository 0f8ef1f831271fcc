using System.Text.Json;
using Objex.Cli.Tests.Support;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Tests.Export;

/// <summary>
/// <c>objex export ANALYSIS OUT.heapsnapshot</c> on real dumps of targets of known shape (Targets/*.py, CPython 3.11):
/// memlab, a third-party reader, loads the file and computes dominators and retained sizes from it, which must be
/// objex's own; and the file says what DevTools shows (names, ids, sizes, edge types).
/// </summary>
public sealed class HeapSnapshotExportTests
{
    // The virtual nodes' ids in the file: N + their index (super-root, modules, thread stacks, garbage, held from C).
    private static readonly ObjId[] s_virtualNodes = [ObjId.SuperRoot, ObjId.ModulesRoot, ObjId.ThreadStacksRoot, ObjId.UnreachableRoot, ObjId.HeldFromCRoot];

    [MemlabTheory]
    [InlineData("leak_class_registry.py")]
    [InlineData("leak_thread_local.py")]
    [InlineData("held_from_c.py")]
    [InlineData("gc_disabled_garbage.py")]
    public void Should_give_memlab_the_retained_sizes_objex_computed(string target)
    {
        using var heap = new TargetHeap(target);
        var file = Path.Combine(heap.Directory, "heap.heapsnapshot");

        var result = Processes.Objex(["export", heap.AnalysisDb, file]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^wrote .*heap\.heapsnapshot: [\d,]+ objects, [\d,]+ references, [\d.]+ [KMG]iB\n$", result.Stdout);
        using var session = QuerySession.Open(heap.AnalysisDb);
        var snapshot = session.Snapshot;
        var n = snapshot.ObjectCount;
        var memlab = Memlab.Analyse(file);
        Assert.Equal(n + s_virtualNodes.Length, memlab.Nodes);

        // The largest retainers, as `top retained` lists them: same retained size, same immediate dominator.
        var top = session.Top(TopKind.Retained, 10);
        Assert.NotEmpty(top);
        foreach (var entry in top)
        {
            var id = (int)entry.Object.Id;
            Assert.Equal((entry.Object.Label, entry.Value), (entry.Object.Label, memlab.Retained[id]));
            Assert.Equal(FileId(snapshot.ImmediateDominator(entry.Object.Id), n), memlab.Dominator[id]);
        }

        // The super-root and its buckets (what modules, stacks, C and garbage keep), then every object.
        for (var k = 0; k < s_virtualNodes.Length; k++)
        {
            Assert.Equal((s_virtualNodes[k], snapshot.RetainedSize(s_virtualNodes[k])), (s_virtualNodes[k], memlab.Retained[n + k]));
        }

        var differing = Enumerable.Range(0, n).Where(i => memlab.Retained[i] != snapshot.RetainedSize((ObjId)i)).Take(5)
            .Select(i => $"#{i}: objex {snapshot.RetainedSize((ObjId)i)}, memlab {memlab.Retained[i]}");
        Assert.Empty(differing);
    }

    [MemlabFact]
    public void Should_export_a_million_long_chain_whose_head_memlab_credits_with_all_of_it()
    {
        // tests/targets/hostile_zoo.py: CHAIN ──.next──▶ Link ──.next──▶ … 1,000,000 links (and hostile objects).
        var folder = Path.Combine(Path.GetTempPath(), "objex-export-chain-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var dump = Path.Combine(folder, "zoo.db");
            var run = Processes.Run(
                TargetHeap.Python(), [Path.Combine(RepoPaths.Root, "tests", "targets", "hostile_zoo.py"), dump],
                environment: new Dictionary<string, string?> { ["PYTHONHASHSEED"] = "0" });
            Assert.True(run.ExitCode == 0, run.ToString());
            var analysis = Path.Combine(folder, "zoo.analysis.db");
            Assert.Equal(0, Processes.Objex(["make-analysis-db", dump, analysis]).ExitCode);
            var file = Path.Combine(folder, "zoo.heapsnapshot");

            Assert.Equal(0, Processes.Objex(["export", analysis, file]).ExitCode);

            using var session = QuerySession.Open(analysis);
            var address = JsonDocument.Parse(File.ReadAllText(dump + ".facts.json")).RootElement.GetProperty("chain").GetInt64();
            var head = (ObjId)int.Parse(session.Sql($"SELECT id FROM object WHERE address = {address}").Rows[0][0]!, System.Globalization.CultureInfo.InvariantCulture);
            var last = head;
            for (var i = 0; i < 999_999; i++)
            {
                last = session.Snapshot.OutTargets(last).ToArray().First(t => session.Snapshot.TypeOf(t) == session.Snapshot.TypeOf(head));
            }

            var memlab = Memlab.Analyse(file, (int)head, (int)last);

            Assert.Equal(session.Snapshot.RetainedSize(head), memlab.Retained[(int)head]);
            Assert.True(session.Snapshot.RetainedSize(head) > 999_999 * session.Snapshot.ShallowSize(head), "the head retains the whole chain");
            Assert.Equal(session.Snapshot.RetainedSize(last), memlab.Retained[(int)last]);
            Assert.Equal((long)session.Snapshot.ImmediateDominator(last), memlab.Dominator[(int)last]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Should_name_nodes_by_type_and_edges_by_label_with_the_objects_ids()
    {
        using var heap = new TargetHeap("leak_thread_local.py");
        var file = Path.Combine(heap.Directory, "heap.heapsnapshot");

        Assert.Equal(0, Processes.Objex(["export", heap.AnalysisDb, file]).ExitCode);

        using var session = QuerySession.Open(heap.AnalysisDb);
        var batch = session.Suspects().Suspects[0].AccumulationPoint;
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var file_ = new SnapshotFile(json.RootElement);
        Assert.Equal(["type", "name", "id", "self_size", "edge_count", "trace_node_id", "detachedness"], file_.NodeFields);
        Assert.Equal(("synthetic", "(objex super-root)"), (file_.NodeType(0), file_.Name(0)));
        Assert.Equal(["(modules)", "(thread stacks)", "(held from C)", "(garbage)"], Enumerable.Range(1, 4).Select(file_.Name));

        // Object i is node 5 + i, with id i, named by its type, with its shallow size.
        var list = 5 + (int)batch.Id;
        Assert.Equal(((long)batch.Id, "list", "array", batch.Size), (file_.Id(list), file_.Name(list), file_.NodeType(list), file_.SelfSize(list)));

        // The frame holds the list in a local: a context edge named `batch`; the list's items are elements 0, 1, …
        var holders = file_.EdgesTo(list).ToList();
        Assert.Contains(holders, e => e.Type == "context" && e.Name == "batch" && file_.Name(e.From) == "frame");
        var items = file_.EdgesFrom(list).ToList();
        Assert.Equal(15_000, items.Count);
        Assert.All(items.Take(3).Select((e, i) => (e, i)), x => Assert.Equal(("element", x.i.ToString(System.Globalization.CultureInfo.InvariantCulture), "__main__.Job"), (x.e.Type, x.e.Name, file_.Name(x.e.To))));
        var job = items[0].To;
        Assert.Contains(file_.EdgesFrom(job), e => e.Type == "property" && e.Name == "blob" && file_.NodeType(e.To) == "string" && file_.Name(e.To) == "bytes");
    }

    private static long FileId(ObjId node, int objectCount) => (int)node >= 0 ? (int)node : objectCount + Array.IndexOf(s_virtualNodes, node);

    /// <summary>A parsed snapshot file, read the way DevTools reads it (flat arrays, fields by position).</summary>
    private sealed class SnapshotFile
    {
        private readonly int[] _nodes;
        private readonly int[] _edges;
        private readonly string[] _strings;
        private readonly string[] _nodeTypes;
        private readonly string[] _edgeTypes;
        private readonly int[] _firstEdge;

        internal SnapshotFile(JsonElement root)
        {
            var meta = root.GetProperty("snapshot").GetProperty("meta");
            NodeFields = [.. meta.GetProperty("node_fields").EnumerateArray().Select(f => f.GetString()!)];
            _nodeTypes = [.. meta.GetProperty("node_types")[0].EnumerateArray().Select(f => f.GetString()!)];
            _edgeTypes = [.. meta.GetProperty("edge_types")[0].EnumerateArray().Select(f => f.GetString()!)];
            _nodes = [.. root.GetProperty("nodes").EnumerateArray().Select(v => v.GetInt32())];
            _edges = [.. root.GetProperty("edges").EnumerateArray().Select(v => v.GetInt32())];
            _strings = [.. root.GetProperty("strings").EnumerateArray().Select(v => v.GetString()!)];
            Assert.Equal(root.GetProperty("snapshot").GetProperty("node_count").GetInt32() * 7, _nodes.Length);
            _firstEdge = new int[(_nodes.Length / 7) + 1];
            for (var i = 0; i < _nodes.Length / 7; i++)
            {
                _firstEdge[i + 1] = _firstEdge[i] + _nodes[(i * 7) + 4];
            }

            Assert.Equal(_edges.Length / 3, _firstEdge[^1]);
        }

        internal string[] NodeFields { get; }

        internal string NodeType(int node) => _nodeTypes[_nodes[node * 7]];

        internal string Name(int node) => _strings[_nodes[(node * 7) + 1]];

        internal long Id(int node) => _nodes[(node * 7) + 2];

        internal long SelfSize(int node) => _nodes[(node * 7) + 3];

        internal IEnumerable<Edge> EdgesFrom(int node)
        {
            for (var e = _firstEdge[node]; e < _firstEdge[node + 1]; e++)
            {
                yield return ReadEdge(node, e);
            }
        }

        internal IEnumerable<Edge> EdgesTo(int node)
        {
            for (var from = 0; from < _firstEdge.Length - 1; from++)
            {
                for (var e = _firstEdge[from]; e < _firstEdge[from + 1]; e++)
                {
                    if (_edges[(e * 3) + 2] == node * 7)
                    {
                        yield return ReadEdge(from, e);
                    }
                }
            }
        }

        private Edge ReadEdge(int from, int e)
        {
            var type = _edgeTypes[_edges[e * 3]];
            var nameOrIndex = _edges[(e * 3) + 1];
            var name = type is "element" or "hidden" ? nameOrIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) : _strings[nameOrIndex];
            return new Edge(from, type, name, _edges[(e * 3) + 2] / 7);
        }
    }

    private sealed record Edge(int From, string Type, string Name, int To);
}
