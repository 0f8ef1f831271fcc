using Microsoft.Data.Sqlite;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>
/// Every bad input of issue 3 through the real CLI: one line on stderr naming the file and the
/// problem, exit code 2, no output file and nothing left beside it.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public void Should_refuse_a_missing_dump()
    {
        using var scratch = Fixtures.Scratch();
        AssertRefused(scratch, scratch.File("nope.db"), "nope.db: no such file");
    }

    [Fact]
    public void Should_refuse_a_file_that_is_not_sqlite()
    {
        using var scratch = Fixtures.Scratch();
        var dump = scratch.File("notes.db");
        File.WriteAllText(dump, "these are my notes, not a database\n");
        AssertRefused(scratch, dump, "notes.db: not an SQLite database");
    }

    [Fact]
    public void Should_name_the_missing_tables_of_an_sqlite_file_that_is_not_a_dump()
    {
        using var scratch = Fixtures.Scratch();
        var dump = scratch.File("other.db");
        using (var connection = new SqliteConnection($"Data Source={dump};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE object (id INTEGER PRIMARY KEY); CREATE TABLE customers (name TEXT)";
            command.ExecuteNonQuery();
        }

        AssertRefused(scratch, dump, "other.db: SQLite, but not an objex dump (missing tables: meta, reference, pytype, module, pyframe, thread, pycode, function)");
    }

    [FixtureFact]
    public void Should_refuse_an_unfinished_dump()
    {
        using var scratch = Fixtures.Scratch();
        var dump = CopyOfFixture(scratch, "UPDATE meta SET duration_s = NULL");
        AssertRefused(scratch, dump, "dump.db: unfinished dump: meta.duration_s is empty (the collector did not finish)");
    }

    [FixtureFact]
    public void Should_refuse_a_dump_of_a_newer_format_naming_both_versions()
    {
        using var scratch = Fixtures.Scratch();
        var dump = CopyOfFixture(scratch, "ALTER TABLE meta ADD COLUMN format_version INTEGER; UPDATE meta SET format_version = 99");
        AssertRefused(scratch, dump, "dump.db: dump format 99 is newer than this objex reads (format 1): use the objex that came with the collector that wrote it");
    }

    [FixtureFact]
    public void Should_refuse_a_format_version_that_is_no_version()
    {
        using var scratch = Fixtures.Scratch();
        var dump = CopyOfFixture(scratch, "ALTER TABLE meta ADD COLUMN format_version; UPDATE meta SET format_version = 'one'");
        AssertRefused(scratch, dump, "dump.db: meta.format_version is one, not a dump format this objex reads (format 1)");
    }

    [FixtureFact]
    public void Should_refuse_a_truncated_dump()
    {
        using var scratch = Fixtures.Scratch();
        var dump = CopyOfFixture(scratch);
        var bytes = File.ReadAllBytes(dump);
        File.WriteAllBytes(dump, bytes[..(bytes.Length / 2)]);
        AssertRefused(scratch, dump, "dump.db: truncated or corrupt database");
    }

    [FixtureFact]
    public void Should_refuse_a_corrupt_dump()
    {
        using var scratch = Fixtures.Scratch();
        var dump = CopyOfFixture(scratch);
        var bytes = File.ReadAllBytes(dump);
        new Random(7).NextBytes(bytes.AsSpan(8192, bytes.Length - 16384));
        File.WriteAllBytes(dump, bytes);
        AssertRefused(scratch, dump, "dump.db: truncated or corrupt database");
    }

    [FixtureFact]
    public void Should_refuse_to_overwrite_an_existing_output_unless_forced()
    {
        using var scratch = Fixtures.Scratch();
        var output = scratch.File("analysis.db");
        File.WriteAllText(output, "precious");

        var refused = ObjexProcess.Run("make-analysis-db", Fixtures.OriginalDump!, output);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal([$"objex: {output}: already exists (pass --force to replace it)"], refused.StderrLines);
        Assert.Equal("precious", File.ReadAllText(output));
        Assert.Equal(["analysis.db"], scratch.Files());

        var forced = ObjexProcess.Run("make-analysis-db", Fixtures.OriginalDump!, output, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(38_518L, OriginalFixtureTests.Scalar(output, "SELECT count(*) FROM object"));
        Assert.Equal(["analysis.db"], scratch.Files());
    }

    [FixtureFact]
    public void Should_skip_and_count_references_to_objects_that_do_not_exist()
    {
        using var scratch = Fixtures.Scratch();
        var dump = CopyOfFixture(
            scratch,
            "INSERT INTO reference (src, dst, ref) VALUES (1, 99999999, '.ghost'), (99999998, 1, '.ghost'), (-4, 2, '.ghost')");
        var output = scratch.File("analysis.db");

        var result = ObjexProcess.Run("make-analysis-db", dump, output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"objex: warning: {dump}: 3 references name objects that do not exist; skipped"], result.StderrLines);
        Assert.Equal(79_609L, OriginalFixtureTests.Scalar(output, "SELECT edge_count FROM meta"));
        Assert.Equal(3L, OriginalFixtureTests.Scalar(output, "SELECT dangling_reference_count FROM meta"));
    }

    [Fact]
    public void Should_refuse_a_directory_as_output()
    {
        using var scratch = Fixtures.Scratch();
        var dump = scratch.File("dump.db");
        File.WriteAllText(dump, "x");
        Directory.CreateDirectory(scratch.File("out"));

        var result = ObjexProcess.Run("make-analysis-db", dump, scratch.File("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"objex: {scratch.File("out")}: is a directory: give the analysis database's file name"], result.StderrLines);
    }

    [FixtureFact]
    public void Should_say_in_one_line_that_the_output_directory_takes_no_new_files()
    {
        // Creating a file in /proc fails as it does in a read-only or permission-less directory: the temporary
        // file beside the output cannot be made (a directory chmod 555 would do for a user other than root).
        var result = ObjexProcess.Run("make-analysis-db", Fixtures.OriginalDump!, "/proc/objex-test.an");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["objex: /proc/objex-test.an: cannot be written: /proc does not accept new files"], result.StderrLines);
        Assert.Equal("", result.Stdout);
        Assert.Empty(Directory.GetFiles("/proc", "*objex-test*", SearchOption.TopDirectoryOnly));
    }

    [Fact]
    public void Should_say_in_one_line_that_the_outputs_parent_is_a_file()
    {
        using var scratch = Fixtures.Scratch();
        var notADirectory = scratch.File("notes.txt");
        File.WriteAllText(notADirectory, "x");

        var result = ObjexProcess.Run("make-analysis-db", notADirectory, Path.Combine(notADirectory, "analysis.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"objex: {notADirectory}/analysis.db: cannot be written: {notADirectory} is a file, not a directory"], result.StderrLines);
        Assert.Equal(["notes.txt"], scratch.Files());
    }

    [CollectorTheory]
    [MemberData(nameof(KnownShapeTests.Pythons), MemberType = typeof(KnownShapeTests))]
    public void Should_refuse_a_reference_kind_it_does_not_know_naming_the_file_and_the_kind(string python)
    {
        using var scratch = Fixtures.Scratch();
        var dump = scratch.File("dump.db");
        var made = ObjexProcess.RunProgram(python, [Path.Combine(Fixtures.RepositoryRoot, "tests", "targets", "module_global_list.py"), dump]);
        Assert.True(made.ExitCode == 0, made.Stderr);
        File.Delete(dump + ".facts.json");
        long rowid;
        using (var connection = new SqliteConnection($"Data Source={dump};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE reference SET kind = 7 WHERE rowid = (SELECT max(rowid) FROM reference WHERE kind = 0) RETURNING rowid";
            rowid = (long)command.ExecuteScalar()!;
        }

        AssertRefused(scratch, dump, $"dump.db: reference {rowid:N0} has kind 7, which this objex does not know (0 strong, 1 weak, 2 namespace)");
    }

    private static string CopyOfFixture(Fixtures.ScratchDirectory scratch, string? sql = null)
    {
        var dump = scratch.File("dump.db");
        File.Copy(Fixtures.OriginalDump!, dump);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dump, UnixFileMode.UserRead | UnixFileMode.UserWrite); // the fixture is read-only
        }

        if (sql is not null)
        {
            using var connection = new SqliteConnection($"Data Source={dump};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        return dump;
    }

    private static void AssertRefused(Fixtures.ScratchDirectory scratch, string dump, string expectedProblem)
    {
        var before = scratch.Files();
        var output = scratch.File("analysis.db");

        var result = ObjexProcess.Run("make-analysis-db", dump, output);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith($"objex: {Path.GetDirectoryName(dump)}/{expectedProblem}", line, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.Equal(before, scratch.Files());
    }
}
