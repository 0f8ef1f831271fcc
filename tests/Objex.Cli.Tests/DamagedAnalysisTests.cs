using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// A damaged analysis database (issue 19): a cycle in the dominator array made <c>retained</c>, <c>top retained</c> and
/// <c>root_summary</c> loop forever, a root-path array out of order made <c>in</c> loop or throw, bad CSR offsets threw
/// a stack trace. The arrays are checked when the file is opened: every command says in one line what is damaged.
/// The damage is written into a real analysis with python3's sqlite3 (the arrays are little-endian blobs in graph_array).
/// </summary>
[Collection(ShapesCollection.Name)]
public sealed class DamagedAnalysisTests(ShapesHeap heap)
{
    // Each edit reads an array, changes it as a bit flip or a bad write would, and writes it back in place.
    private const string Edit = """
        import sqlite3, struct, sys
        db = sqlite3.connect(sys.argv[1])
        def read(name, fmt):
            data = db.execute("SELECT data FROM graph_array WHERE name = ?", (name,)).fetchone()[0]
            return list(struct.unpack("<%d%s" % (len(data) // struct.calcsize(fmt), fmt), data))
        def write(name, fmt, values):
            db.execute("UPDATE graph_array SET data = ? WHERE name = ?", (struct.pack("<%d%s" % (len(values), fmt), *values), name))
        damage = sys.argv[2]
        if damage == "dominator-cycle":
            idom = read("idom", "i")
            child = next(i for i, d in enumerate(idom) if d >= 0 and idom[d] >= 0)
            idom[idom[child]] = child            # the dominator's dominator is now the child: a cycle of two
            write("idom", "i", idom)
        elif damage == "offsets-decrease":
            offsets = read("fwd_offsets", "i")
            middle = len(offsets) // 2
            offsets[middle] = offsets[middle + 1] + 5
            write("fwd_offsets", "i", offsets)
        elif damage == "target-out-of-range":
            targets = read("fwd_targets", "i")
            targets[len(targets) // 3] = 1 << 30
            write("fwd_targets", "i", targets)
        elif damage == "module-path-cycle":
            parent = read("module_parent_edge", "i")
            distance = read("module_distance", "i")
            deep = max(range(len(distance)), key=lambda i: distance[i])
            parent[deep] = parent[next(i for i, d in enumerate(distance) if d == 1)]   # an edge into another object
            write("module_parent_edge", "i", parent)
        db.commit()
        """;

    [Theory]
    [InlineData("dominator-cycle", "graph_array 'idom' has a cycle through object ")]
    [InlineData("offsets-decrease", "graph_array 'fwd_offsets' decreases at object ")]
    [InlineData("target-out-of-range", "graph_array 'fwd_targets' holds 1073741824 at index ")]
    [InlineData("module-path-cycle", "graph_array 'module_parent_edge' does not lead object ")]
    public void Should_refuse_a_damaged_analysis_in_one_line_in_every_command(string damage, string problem)
    {
        var copy = heap.CopyOfAnalysis();
        var edit = Processes.Run("python3", ["-c", Edit, copy, damage]);
        Assert.True(edit.ExitCode == 0, edit.ToString());

        foreach (var (arguments, prefix) in new (string[], string)[]
                 {
                     ([copy, "-c", "go shape_a.handler; retained; in; top retained; root_summary"], "objex: "),
                     (["suspects", copy], "objex: "),
                     (["web", copy, "--port", "0"], "objex web: "),
                 })
        {
            var result = Processes.Objex(arguments);

            Assert.True(result.ExitCode == 2, $"{string.Join(' ', arguments)}: {result}");
            Assert.Equal("", result.Stdout);
            var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
            Assert.StartsWith($"{prefix}{copy}: damaged analysis database ({problem}", line, StringComparison.Ordinal);
        }
    }
}
