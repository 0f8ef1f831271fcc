using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>Every file the explorer cannot explore: one line on stderr naming the file and the problem, exit 2, input unchanged.</summary>
[Collection(ShapesCollection.Name)]
public sealed class ExplorerFileErrorTests(ShapesHeap heap)
{
    [Fact]
    public void Should_tell_the_make_analysis_db_command_when_given_a_dump()
    {
        var before = Hash(heap.DumpDb);

        var result = Processes.Objex([heap.DumpDb, "-c", "in"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(heap.DumpDb, line);
        Assert.Contains($"objex make-analysis-db {heap.DumpDb} ", line);
        Assert.Equal(before, Hash(heap.DumpDb));
    }

    [Theory]
    [InlineData("missing", "no such file")]
    [InlineData("text", "not an SQLite database")]
    [InlineData("empty", "is empty, not an SQLite database")]
    [InlineData("other-sqlite", "not an objex analysis database")]
    [InlineData("directory", "is a directory")]
    public void Should_print_one_line_and_exit_2_for_a_file_it_cannot_explore(string kind, string problem)
    {
        var path = Path.Combine(heap.Directory, "bad-" + kind + ".db");
        switch (kind)
        {
            case "text":
                File.WriteAllText(path, "this is not a database\n");
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "other-sqlite":
                using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello')";
                    command.ExecuteNonQuery();
                }

                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
        }

        var before = File.Exists(path) ? Hash(path) : null;

        var result = Processes.Objex([path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("objex: " + path + ": ", line);
        Assert.Contains(problem, line);
        Assert.Equal(before, File.Exists(path) ? Hash(path) : null);
    }

    [Fact]
    public void Should_not_change_the_analysis_database_when_exploring_without_marks()
    {
        var copy = heap.CopyOfAnalysis();
        var before = Hash(copy);

        var result = Processes.Objex([copy, "-c", "go shape_a.handler; in; out; top 3 size; sql select count(*) from object; retained; threads"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(before, Hash(copy));
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
