using System.Text.RegularExpressions;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>
/// A dump the collector really wrote (tests/targets/module_global_list.py), then damaged with SQL UPDATEs as a bad
/// disk or a hand edit would (issue 19): ids that are text or a real number in <c>reference</c> (SQLite hands them to
/// the reader as 0, so each became a reference from or to object 0), sizes that are negative, text, or so large that
/// their sums overflowed into negative retained sizes. make-analysis-db finishes, says on stderr how many of each
/// it skipped or capped (one line each), and no retained size is negative.
/// </summary>
public sealed partial class DamagedDumpTests
{
    [Fact]
    public void Should_skip_references_whose_ids_are_not_integers_and_say_how_many()
    {
        using var scratch = Fixtures.Scratch();
        var dump = Dump(scratch);
        var intact = References(ObjexProcess.Run("make-analysis-db", dump, scratch.File("intact.db")));

        // No .__class__ row: the analysis adds those back when missing, which would blur the count.
        SqliteFile.Execute(dump, """
            UPDATE reference SET src = 'x' WHERE rowid IN (SELECT rowid FROM reference WHERE ref NOT LIKE '%__class__' ORDER BY rowid LIMIT 7);
            UPDATE reference SET dst = 1.5 WHERE rowid IN (SELECT rowid FROM reference WHERE ref NOT LIKE '%__class__' ORDER BY rowid DESC LIMIT 5);
            """);
        var result = ObjexProcess.Run("make-analysis-db", dump, scratch.File("analysis.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"objex: warning: {dump}: 12 references with a NULL or non-integer id were skipped"], result.StderrLines);
        Assert.Equal(intact - 12, References(result));
    }

    [Fact]
    public void Should_count_unreadable_sizes_as_zero_and_cap_huge_ones_so_no_retained_size_overflows()
    {
        using var scratch = Fixtures.Scratch();
        var dump = Dump(scratch);
        SqliteFile.Execute(dump, """
            UPDATE object SET size = 9223372036854775807 WHERE id IN (SELECT id FROM object ORDER BY id LIMIT 3);
            UPDATE object SET size = -40 WHERE id = (SELECT id FROM object ORDER BY id LIMIT 1 OFFSET 3);
            UPDATE object SET size = 'big' WHERE id = (SELECT id FROM object ORDER BY id LIMIT 1 OFFSET 4);
            """);
        var analysis = scratch.File("analysis.db");

        var result = ObjexProcess.Run("make-analysis-db", dump, analysis);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.StderrLines.Length);
        Assert.Equal($"objex: warning: {dump}: 2 objects with a NULL, non-integer or negative size were counted as 0 bytes", result.StderrLines[0]);
        Assert.Matches($@"^objex: warning: {Regex.Escape(dump)}: 3 objects with a size over [0-9,]+ bytes were counted as [0-9,]+ \(so no retained size overflows\)$", result.StderrLines[1]);

        // The analysis opens (its checks refuse negative sizes) and no object's retained size went negative.
        var query = ObjexProcess.Run(analysis, "-c", "sql select count(*) as negative from object_retained where retained < 0");
        Assert.Equal("", query.Stderr);
        Assert.Contains("negative\n--------\n0\n", query.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static string Dump(Fixtures.ScratchDirectory scratch)
    {
        var dump = scratch.File("dump.db");
        var made = ObjexProcess.RunProgram(PythonInterpreter.Default, [Path.Combine(Fixtures.RepositoryRoot, "tests", "targets", "module_global_list.py"), dump]);
        Assert.True(made.ExitCode == 0, made.Stderr);
        return dump;
    }

    /// <summary>The references make-analysis-db's summary line says it wrote.</summary>
    private static int References(ObjexProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return int.Parse(WroteLine().Match(result.Stdout).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"objects, ([0-9,]+) references")]
    private static partial Regex WroteLine();
}
