using System.Text.Json;
using Objex.Cli.Tests.Support;
using Objex.Query;

namespace Objex.Cli.Tests.Export;

/// <summary>
/// <c>objex export ANALYSIS OUT.dot --from ID …</c> on a real leak (Targets/leak_class_registry.py): Graphviz's own
/// <c>dot</c> parses the file (<c>-Tjson0</c>), and its objects and arrows carry the REPL's labels.
/// </summary>
public sealed class DotExportTests : IClassFixture<DotExportTests.RegistryHeap>
{
    private readonly RegistryHeap _heap;

    public DotExportTests(RegistryHeap heap) => _heap = heap;

    [GraphvizFact]
    public void Should_draw_what_an_object_refers_to_with_the_REPLs_labels_and_count_what_is_left_out()
    {
        var file = Path.Combine(_heap.Directory, "registry.dot");

        var result = Processes.Objex(["export", _heap.AnalysisDb, file, "--from", _heap.Registry.Label, "--depth", "1"]);

        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Equal($"wrote {file}: 21 objects, 20 references\n", result.Stdout);
        var graph = Graphviz(file);
        Assert.Equal(_heap.Registry.Label, graph.Label("o" + (int)_heap.Registry.Id).Split("\\n")[0]);
        var drawn = graph.EdgesFrom("o" + (int)_heap.Registry.Id).ToList();
        Assert.Equal(21, drawn.Count);

        // 20,000 entries are 40,000 references (key and value each): 20 are drawn, the rest counted in a note.
        Assert.Contains(drawn, e => e.Head.EndsWith("_more", StringComparison.Ordinal) && graph.Label(e.Head) == "… 39,980 more");
        using var session = QuerySession.Open(_heap.AnalysisDb);
        var outRows = session.Referents(_heap.Registry.Id, 20).Rows;
        Assert.Equal(outRows.Select(r => (r.Edge, r.Other.Label)), drawn.Where(e => !e.Head.EndsWith("_more", StringComparison.Ordinal)).Select(e => (e.Label, graph.Label(e.Head).Split("\\n")[0])));
    }

    [GraphvizFact]
    public void Should_draw_the_paths_from_the_roots_as_the_REPL_prints_them_and_render_svg()
    {
        var file = Path.Combine(_heap.Directory, "roots.dot");

        var result = Processes.Objex(["export", _heap.AnalysisDb, file, "--from", ((int)_heap.Registry.Id).ToString(System.Globalization.CultureInfo.InvariantCulture), "--to-roots", "--svg"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"wrote {file}: 3 objects, 2 references\nwrote {Path.ChangeExtension(file, ".svg")}\n", result.Stdout);
        var graph = Graphviz(file);

        // The suspect's root path, <module shop#…>.Order.REGISTRY, one arrow per step.
        var module = graph.Nodes.Single(n => graph.Label(n).StartsWith("<module shop#", StringComparison.Ordinal));
        var order = Assert.Single(graph.EdgesFrom(module));
        Assert.Equal(".Order", order.Label);
        var registry = Assert.Single(graph.EdgesFrom(order.Head));
        Assert.Equal((".REGISTRY", "o" + (int)_heap.Registry.Id), (registry.Label, registry.Head));
        Assert.StartsWith("<?xml", File.ReadAllText(Path.ChangeExtension(file, ".svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_write_the_dot_file_and_say_how_to_install_graphviz_when_dot_is_missing()
    {
        var folder = Path.Combine(_heap.Directory, "no-graphviz");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "roots.dot");

        var result = Processes.Objex(["export", _heap.AnalysisDb, file, "--from", "#" + (int)_heap.Registry.Id, "--to-roots", "--svg"], environment: new Dictionary<string, string?> { ["PATH"] = folder });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"objex: {Path.ChangeExtension(file, ".svg")}: not written: Graphviz's dot is not installed (apt-get install graphviz, dnf install graphviz or brew install graphviz); then: dot -Tsvg {file} -o {Path.ChangeExtension(file, ".svg")}\n", result.Stderr);
        Assert.Equal(["roots.dot"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Should_say_what_the_dot_format_needs()
    {
        var file = Path.Combine(_heap.Directory, "x.dot");

        var noFrom = Processes.Objex(["export", _heap.AnalysisDb, file]);
        var badId = Processes.Objex(["export", _heap.AnalysisDb, file, "--from", "999999999"]);
        var notDot = Processes.Objex(["export", _heap.AnalysisDb, Path.Combine(_heap.Directory, "x.heapsnapshot"), "--from", "1"]);

        Assert.Equal((2, "objex: export: the dot format draws one object's neighbourhood: say which with --from ID\n"), (noFrom.ExitCode, noFrom.Stderr));
        Assert.Equal(2, badId.ExitCode);
        Assert.StartsWith("objex: export: no object with id: 999999999 (ids are 0 to ", badId.Stderr, StringComparison.Ordinal);
        Assert.Equal((2, "objex: export: --from: only for the dot format (a .dot OUT or --format dot)\n"), (notDot.ExitCode, notDot.Stderr));
        Assert.False(File.Exists(file));
    }

    private static GraphvizJson Graphviz(string dotFile)
    {
        var run = Processes.Run("dot", ["-Tjson0", dotFile]);
        Assert.True(run.ExitCode == 0, "dot could not parse the file:\n" + run);
        return new GraphvizJson(run.Stdout);
    }

    /// <summary>The leak's analysis, made once for these tests, and the registry dict its first suspect names.</summary>
    public sealed class RegistryHeap : TargetHeap
    {
        public RegistryHeap()
            : base("leak_class_registry.py")
        {
            using var session = QuerySession.Open(AnalysisDb);
            Registry = session.Suspects().Suspects[0].AccumulationPoint;
        }

        internal ObjectSummary Registry { get; }
    }

    /// <summary>dot's JSON rendering of a graph: node names and labels, arrows with their labels.</summary>
    private sealed class GraphvizJson
    {
        private readonly Dictionary<string, string> _labels = [];
        private readonly List<Arrow> _arrows = [];

        internal GraphvizJson(string json)
        {
            using var document = JsonDocument.Parse(json);
            var names = new List<string>();
            foreach (var node in document.RootElement.GetProperty("objects").EnumerateArray())
            {
                var name = node.GetProperty("name").GetString()!;
                names.Add(name);
                _labels[name] = node.GetProperty("label").GetString()!;
            }

            foreach (var edge in document.RootElement.GetProperty("edges").EnumerateArray())
            {
                var label = edge.TryGetProperty("label", out var text) ? text.GetString()! : "";
                _arrows.Add(new Arrow(names[edge.GetProperty("tail").GetInt32()], names[edge.GetProperty("head").GetInt32()], label));
            }
        }

        internal IEnumerable<string> Nodes => _labels.Keys;

        internal string Label(string node) => _labels[node];

        internal IEnumerable<Arrow> EdgesFrom(string node) => _arrows.Where(a => a.Tail == node);
    }

    private sealed record Arrow(string Tail, string Head, string Label);
}

/// <summary>A test that needs Graphviz's dot: skipped, saying why, only when it is not installed.</summary>
public sealed class GraphvizFactAttribute : FactAttribute
{
    public GraphvizFactAttribute()
    {
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, "dot"))))
        {
            Skip = "Graphviz's dot is not installed (.ci/run installs the graphviz package)";
        }
    }
}
