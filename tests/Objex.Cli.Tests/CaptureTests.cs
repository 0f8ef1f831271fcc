using Microsoft.Data.Sqlite;
using Objex.Cli.Tests.MakeAnalysisDb;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>`objex capture … -- python program args` on a real program that never imports objex (Targets/capture_program.py).</summary>
public sealed class CaptureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("objex-capture-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Should_dump_the_program_into_numbered_files_and_pass_its_exit_status_on()
    {
        var pattern = Path.Combine(_folder, "app-{n}.db");
        var program = Path.Combine(RepoPaths.TargetsDir, "capture_program.py");

        var result = Processes.Objex(["capture", "--every", "0.8", "--count", "2", "-o", pattern, "--", PythonInterpreter.Default, program, "x", "y"]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal("done 30000 x y\n", result.Stdout);
        var first = Path.Combine(_folder, "app-1.db");
        var second = Path.Combine(_folder, "app-2.db");
        Assert.Contains($"objex: wrote {first} (", result.Stderr);
        Assert.Contains($"objex: wrote {second} (", result.Stderr);
        Assert.Contains("objex: dump 2 after ", result.Stderr);
        var (sessions1, sessions2) = (CountInstances(first, "Session"), CountInstances(second, "Session"));
        Assert.True(sessions1 > 0 && sessions2 > sessions1 && sessions2 < 30000, $"{sessions1} then {sessions2} sessions");
    }

    [Fact]
    public void Should_write_nothing_when_a_dump_would_take_more_memory_than_max_memory_and_let_the_program_finish()
    {
        var pattern = Path.Combine(_folder, "app-{n}.db");
        var program = Path.Combine(RepoPaths.TargetsDir, "capture_program.py");

        var result = Processes.Objex(["capture", "--every", "0.8", "--count", "1", "--max-memory", "1M", "-o", pattern, "--", PythonInterpreter.Default, program, "x", "y"]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal("done 30000 x y\n", result.Stdout);
        Assert.Contains("DumpMemoryLimitError", result.Stderr);
        Assert.DoesNotContain("objex: wrote", result.Stderr);
        Assert.Empty(Directory.GetFiles(_folder, "app-1.db*"));
    }

    [Fact]
    public void Should_refuse_in_one_line_a_capture_it_cannot_run()
    {
        var program = Path.Combine(RepoPaths.TargetsDir, "capture_program.py");
        File.WriteAllText(Path.Combine(_folder, "taken-1.db"), "x");

        AssertRefused(["capture", "--", PythonInterpreter.Default, program],
            "objex: capture: say when to dump: --after SECONDS, --rss-above SIZE or --every SECONDS --count N\n");
        AssertRefused(["capture", "--after", "1", "--", PythonInterpreter.Default, Path.Combine(_folder, "missing.py")],
            $"objex: capture: {Path.Combine(_folder, "missing.py")}: no such script\n");
        AssertRefused(["capture", "--rss-above", "lots", "--", PythonInterpreter.Default, program],
            "objex: capture: --rss-above lots is not a size (examples: 800M, 2G, 1500000000)\n");
        AssertRefused(["capture", "--after", "1", "--max-memory", "0", "--", PythonInterpreter.Default, program],
            "objex: capture: --max-memory 0 is not a size above 0 (examples: 800M, 2G, 1500000000)\n");
        AssertRefused(["capture", "--after", "1", "-o", Path.Combine(_folder, "taken-{n}.db"), "--", PythonInterpreter.Default, program],
            $"objex: capture: {Path.Combine(_folder, "taken-1.db")} already exists; refusing to overwrite it (-o another pattern)\n");
    }

    private static void AssertRefused(string[] args, string stderr)
    {
        var result = Processes.Objex(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(stderr, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    internal static long CountInstances(string dump, string typeName)
    {
        using var connection = new SqliteConnection($"Data Source={dump};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM object o JOIN pytype p ON p.object = o.pytype WHERE p.name = $name";
        command.Parameters.AddWithValue("$name", typeName);
        return (long)command.ExecuteScalar()!;
    }
}
