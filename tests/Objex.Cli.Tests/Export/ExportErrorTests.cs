using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests.Export;

/// <summary>
/// <c>objex export</c> on bad input (a dump instead of an analysis, an unknown format or extension, an output in the
/// way, a heap too large for DevTools, a full disk): one line naming the file and the problem, exit code 2, and
/// nothing left behind, not even the temporary file.
/// </summary>
public sealed class ExportErrorTests : IClassFixture<ExportErrorTests.HealthyHeap>
{
    private readonly HealthyHeap _heap;

    public ExportErrorTests(HealthyHeap heap) => _heap = heap;

    [Fact]
    public void Should_refuse_a_dump_and_say_to_analyse_it_first()
    {
        var folder = Folder();
        var output = Path.Combine(folder, "out.heapsnapshot");

        var result = Processes.Objex(["export", _heap.DumpDb, output]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"objex: {_heap.DumpDb}: this is a dump, not an analysis database: run `objex make-analysis-db {_heap.DumpDb} analysis.db` first, then open analysis.db\n", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Theory]
    [InlineData("out.csv", null, "objex: {out}: unknown extension .csv: name a .heapsnapshot or .dot file, or say --format heapsnapshot|parquet|dot\n")]
    [InlineData("out", null, "objex: {out}: no extension: name a .heapsnapshot or .dot file, or say --format heapsnapshot|parquet|dot\n")]
    [InlineData("out.heapsnapshot", "csv", "objex: --format: expected heapsnapshot, parquet or dot, not 'csv' (see objex export --help)\n")]
    public void Should_refuse_an_unknown_format_or_extension(string name, string? format, string expected)
    {
        var folder = Folder();
        var output = Path.Combine(folder, name);

        var result = Processes.Objex(format is null ? ["export", _heap.AnalysisDb, output] : ["export", _heap.AnalysisDb, output, "--format", format]);

        Assert.Equal((2, expected.Replace("{out}", output, StringComparison.Ordinal)), (result.ExitCode, result.Stderr));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Theory]
    [InlineData("out.heapsnapshot", "heapsnapshot")]
    [InlineData("tables", "parquet")]
    public void Should_refuse_an_existing_output_unless_forced(string name, string format)
    {
        var folder = Folder();
        var output = Path.Combine(folder, name);
        if (format == "parquet")
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "mine.txt"), "keep");
        }
        else
        {
            File.WriteAllText(output, "keep");
        }

        var refused = Processes.Objex(["export", _heap.AnalysisDb, output, "--format", format]);

        Assert.Equal((2, $"objex: {output}: already exists (pass --force to replace it)\n"), (refused.ExitCode, refused.Stderr));
        Assert.Equal("keep", File.ReadAllText(format == "parquet" ? Path.Combine(output, "mine.txt") : output));

        var forced = Processes.Objex(["export", _heap.AnalysisDb, output, "--format", format, "--force"]);

        Assert.Equal((0, ""), (forced.ExitCode, forced.Stderr));
        Assert.Equal([name], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        if (format == "parquet")
        {
            Assert.Equal(["meta.parquet", "objects.parquet", "references.parquet", "types.parquet"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order());
        }
        else
        {
            Assert.StartsWith("{\"snapshot\":{\"meta\":", File.ReadAllText(output), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Should_never_replace_a_device_even_when_forced()
    {
        var result = Processes.Objex(["export", _heap.AnalysisDb, "/dev/null", "--format", "heapsnapshot", "--force"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("objex: /dev/null: is a character device, not a regular file: objex never writes to one, even with --force\n", result.Stderr);
        Assert.Equal("crw-rw-rw-", Processes.Run("stat", ["-c", "%A", "/dev/null"]).Stdout.Trim());
    }

    [Fact]
    public void Should_refuse_a_heap_too_large_for_DevTools_up_front_unless_max_bytes_allows_it()
    {
        var folder = Folder();
        var output = Path.Combine(folder, "out.heapsnapshot");

        var refused = Processes.Objex(["export", _heap.AnalysisDb, output, "--max-bytes", "100K"]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Matches(
            $@"^objex: {System.Text.RegularExpressions.Regex.Escape(_heap.AnalysisDb)}: [\d,]+ objects and [\d,]+ references make about [\d.]+ MiB of JSON, more than DevTools loads \(100\.0 KiB\): pass --max-bytes to write it anyway, or export --format parquet\n$",
            refused.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder));

        var allowed = Processes.Objex(["export", _heap.AnalysisDb, output, "--max-bytes", "1G"]);

        Assert.Equal(0, allowed.ExitCode);
        Assert.True(File.Exists(output));
    }

    [TinyDiskTheory]
    [InlineData("out.heapsnapshot", "heapsnapshot")]
    [InlineData("tables", "parquet")]
    [InlineData("out.dot", "dot")]
    public void Should_leave_nothing_on_a_full_disk(string name, string format)
    {
        var mount = Folder();
        Run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mount);
        try
        {
            var output = Path.Combine(mount, name);

            // The dot of a module, its dict, its 40 lists and their items (200 objects drawn) is larger than 16 KiB.
            var result = Processes.Objex(format == "dot"
                ? ["export", _heap.AnalysisDb, output, "--from", HealthyHeap.Module, "--depth", "3"]
                : ["export", _heap.AnalysisDb, output, "--format", format]);

            Assert.Equal((2, $"objex: {output}: cannot be written: the disk is full\n"), (result.ExitCode, result.Stderr));
            Assert.Empty(Directory.GetFileSystemEntries(mount));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private string Folder()
    {
        var folder = Path.Combine(_heap.Directory, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void Run(string program, params string[] args)
    {
        var run = Processes.Run(program, args);
        Assert.True(run.ExitCode == 0, $"{program} failed:\n{run}");
    }

    /// <summary>A small healthy heap (Targets/healthy.py), dumped and analysed once for these tests.</summary>
    public sealed class HealthyHeap : TargetHeap
    {
        public HealthyHeap()
            : base("healthy.py")
        {
        }

        /// <summary>The module whose lists hold the data (a --from for the dot export).</summary>
        internal const string Module = "calm";
    }
}

/// <summary>A test that mounts a tiny tmpfs to fill: needs root (CI and the project's machines run as root).</summary>
public sealed class TinyDiskTheoryAttribute : TheoryAttribute
{
    public TinyDiskTheoryAttribute()
    {
        if (Environment.UserName != "root" || !File.Exists("/bin/mount") && !File.Exists("/usr/bin/mount"))
        {
            Skip = "mounting a tiny tmpfs to fill needs root and mount(8)";
        }
    }
}
