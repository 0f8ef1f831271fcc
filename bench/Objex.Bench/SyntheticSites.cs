using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Objex.Bench;

/// <summary>
/// Allocation sites for a synthetic analysis (`--sites N` of `bench diff`): the <c>site</c> and <c>object_site</c>
/// tables of docs/dump-format.md filled as a traced program's would be, so the cost of sites in suspects and diff can
/// be measured at millions of objects without a traced Python process (whose dump alone takes minutes: bench_sites.py).
/// Nine objects in ten get a site, spread over <c>N</c> sites; every fifth site repeats another's line from another
/// caller (one line, two tracebacks: what the query layer counts together).
/// </summary>
internal static class SyntheticSites
{
    internal static void Add(string database, int sites)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS site (id INTEGER PRIMARY KEY, filename TEXT NOT NULL, lineno INTEGER NOT NULL, function TEXT, traceback TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS object_site (object INTEGER PRIMARY KEY, site INTEGER NOT NULL);
                """;
            create.ExecuteNonQuery();
        }

        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO site VALUES ($id, $file, $line, $function, $traceback)";
            var (id, file, line, function, traceback) = (insert.Parameters.Add("$id", SqliteType.Integer), insert.Parameters.Add("$file", SqliteType.Text),
                insert.Parameters.Add("$line", SqliteType.Integer), insert.Parameters.Add("$function", SqliteType.Text), insert.Parameters.Add("$traceback", SqliteType.Text));
            for (var s = 0; s < sites; s++)
            {
                var same = s % 5 == 4 ? s - 1 : s;
                (id.Value, file.Value, line.Value, function.Value) = (s, $"app/module{same % 50}.py", 10 + same, $"f{same}");
                traceback.Value = string.Create(CultureInfo.InvariantCulture, $"[[\"app/module{same % 50}.py\", {10 + same}], [\"app/main.py\", {s}]]");
                insert.ExecuteNonQuery();
            }
        }

        using (var fill = connection.CreateCommand())
        {
            fill.CommandText = string.Create(CultureInfo.InvariantCulture, $"INSERT INTO object_site SELECT id, (id * 7919) % {sites} FROM object WHERE id % 10 != 0");
            fill.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
