using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Objex.Cli.Tests.Support;
using Objex.Query;

namespace Objex.Cli.Tests.Export;

/// <summary>
/// <c>objex export ANALYSIS DIR --format parquet</c> on real dumps, the files read back by DuckDB (an engine that is
/// not objex): row counts, the same aggregate and join computed by DuckDB on the files and by SQLite on the analysis
/// db, the largest retainers, and docs/export.md's fleet query over a folder of two dumps' exports.
/// </summary>
public sealed class ParquetExportTests
{
    [Fact]
    public void Should_write_tables_DuckDB_reads_with_the_analysis_counts_and_joins()
    {
        using var heap = new TargetHeap("leak_class_registry.py");
        var folder = Path.Combine(heap.Directory, "parquet");

        var result = Processes.Objex(["export", heap.AnalysisDb, folder, "--format", "parquet"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^wrote .*parquet: [\d,]+ objects, [\d,]+ references \(objects\.parquet [\d.]+ [KM]iB, references\.parquet [\d.]+ [KM]iB, types\.parquet [\d.]+ [KM]iB, meta\.parquet [\d.]+ [KM]iB\)\n$", result.Stdout);
        Assert.Equal(["meta.parquet", "objects.parquet", "references.parquet", "types.parquet"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order());
        using var session = QuerySession.Open(heap.AnalysisDb);
        using var duck = DuckDb(folder);

        Assert.Equal(session.Snapshot.ObjectCount, Scalar(duck, "SELECT count(*) FROM objects"));
        Assert.Equal(session.Snapshot.EdgeCount, Scalar(duck, "SELECT count(*) FROM refs"));
        Assert.Equal(session.Snapshot.ObjectCount, Scalar(duck, "SELECT sum(instance_count) FROM types"));
        Assert.Equal(session.Snapshot.Meta.TotalShallowBytes, Scalar(duck, "SELECT total_shallow_bytes FROM meta"));
        Assert.Equal(session.Snapshot.Meta.Pid, Scalar(duck, "SELECT pid FROM meta"));

        // The same join, by DuckDB on the files and by SQLite on the analysis db: per referring type and kind, the
        // references and the bytes they point at.
        var fromParquet = Rows(duck, "SELECT s.type_id, r.kind, count(*), sum(d.shallow_size) FROM refs r JOIN objects s ON s.id = r.src " +
                                     "JOIN objects d ON d.id = r.dst GROUP BY ALL ORDER BY 1, 2");
        var fromSqlite = SqliteRows(heap.AnalysisDb,
            "SELECT s.pytype, CASE r.kind WHEN 0 THEN 'strong' WHEN 1 THEN 'weak' ELSE 'namespace' END, count(*), sum(d.size) FROM reference r " +
            "JOIN object s ON s.id = r.src JOIN object d ON d.id = r.dst WHERE r.kind IN (0, 1, 2) GROUP BY 1, 2 ORDER BY 1, 2");
        Assert.True(fromSqlite.Count > 20, $"the join has rows: {fromSqlite.Count}");
        Assert.Equal(fromSqlite, fromParquet);

        // The largest retainers `top retained` lists (it leaves out a module's __dict__) have their type and retained
        // size there; and the registry holds its 20,000 orders.
        var top = session.Top(TopKind.Retained, 5);
        Assert.Equal(
            top.Select(t => $"{(int)t.Object.Id} {t.Object.TypeName} {t.Value}"),
            Rows(duck, $"SELECT id, type, retained_size FROM objects WHERE id IN ({string.Join(", ", top.Select(t => (int)t.Object.Id))}) ORDER BY retained_size DESC, id"));
        var registry = session.Suspects().Suspects[0].AccumulationPoint;
        Assert.Equal(20_000, Scalar(duck, $"SELECT count(*) FROM refs r JOIN objects o ON o.id = r.dst WHERE r.src = {(int)registry.Id} AND o.type = 'shop.Order' AND r.key IS NOT NULL"));
        Assert.Equal(["module 0"], Rows(duck, "SELECT root_kind, root_depth FROM objects WHERE type = 'module' GROUP BY ALL"));
    }

    [Fact]
    public void Should_find_the_type_that_grows_from_dump_to_dump_with_the_documented_fleet_query()
    {
        using var dumps = new GrowingSessionsDumps();
        var fleet = Path.Combine(dumps.Directory, "fleet");
        Directory.CreateDirectory(fleet);
        foreach (var (analysis, name) in new[] { (dumps.A, "a"), (dumps.B, "b"), (dumps.OtherA, "c"), (dumps.OtherB, "d") })
        {
            Assert.Equal(0, Processes.Objex(["export", analysis, Path.Combine(fleet, name), "--format", "parquet"]).ExitCode);
        }

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        var growing = Rows(duck, FleetQuery().Replace("'dumps/", $"'{fleet}/", StringComparison.Ordinal));

        // Two processes, each dumped twice: in both the sessions leak (1,800 more, ~1 KB each), and so grows what
        // holds them (the module, the list); the churning cache does not grow.
        var all = string.Join("\n", growing);
        Assert.Contains(growing, row => System.Text.RegularExpressions.Regex.IsMatch(row, @"^app\.UserSession 2 \d{7} \d{7}$"));
        Assert.DoesNotContain("CacheEntry", all, StringComparison.Ordinal);
        Assert.True(growing.FindIndex(row => row.StartsWith("app.UserSession ", StringComparison.Ordinal)) < 5, all);
    }

    /// <summary>The fleet query as docs/export.md shows it (the block after "fleet query"), so the docs stay true.</summary>
    private static string FleetQuery()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "export.md"));
        var start = doc.IndexOf("```sql\n", doc.IndexOf("fleet query", StringComparison.Ordinal), StringComparison.Ordinal) + "```sql\n".Length;
        return doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static DuckDBConnection DuckDb(string folder)
    {
        var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        foreach (var (view, file) in new[] { ("objects", "objects"), ("refs", "references"), ("types", "types"), ("meta", "meta") })
        {
            using var command = duck.CreateCommand();
            command.CommandText = $"CREATE VIEW {view} AS SELECT * FROM read_parquet('{Path.Combine(folder, file + ".parquet")}')";
            command.ExecuteNonQuery();
        }

        return duck;
    }

    private static long Scalar(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        // DuckDB's sum() of BIGINTs is a HUGEINT, a BigInteger here.
        return command.ExecuteScalar() switch
        {
            System.Numerics.BigInteger huge => (long)huge,
            var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static List<string> Rows(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return ReadRows(reader);
    }

    private static List<string> SqliteRows(string analysisDb, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={analysisDb};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return ReadRows(reader);
    }

    private static List<string> ReadRows(System.Data.Common.DbDataReader reader)
    {
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
