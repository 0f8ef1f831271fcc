using Microsoft.Data.Sqlite;
using Objex.Snapshot;

namespace Objex.Dump;

/// <summary>Decides whether an SQLite file is a finished objex dump, and says why not in one line.</summary>
internal static class DumpValidator
{
    private static readonly string[] RequiredTables = ["meta", "object", "reference", "pytype", "module", "pyframe", "thread", "pycode", "function"];

    private static readonly (string Table, string[] Columns)[] RequiredColumns =
    [
        ("object", ["id", "pytype", "size", "refcount"]),
        ("reference", ["src", "dst", "ref"]),
        ("pyframe", ["object", "f_back_obj_id"]),
        ("thread", ["stack_obj_id"]),
        ("meta", ["duration_s"]),
    ];

    internal static void Validate(SqliteConnection connection, string path)
    {
        var tables = SqliteFileProbe.TableNames(connection, path);
        if (tables.Contains("graph_array"))
        {
            throw new ObjexFileException(path, "is already an analysis database, not a dump");
        }

        // First: a newer collector may have changed the very tables checked below.
        if (tables.Contains("meta"))
        {
            CheckFormatVersion(connection, path);
        }

        var missing = RequiredTables.Where(t => !tables.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            throw new ObjexFileException(path, $"SQLite, but not an objex dump (missing tables: {string.Join(", ", missing)})");
        }

        foreach (var (table, columns) in RequiredColumns)
        {
            var present = SqliteFileProbe.ColumnNames(connection, table);
            var absent = columns.Where(c => !present.Contains(c)).ToList();
            if (absent.Count > 0)
            {
                throw new ObjexFileException(path, $"SQLite, but not an objex dump (table {table} has no column {string.Join(", ", absent)})");
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(duration_s) FROM meta";
        using var reader = command.ExecuteReader();
        reader.Read();
        if (reader.GetInt64(1) == 0)
        {
            throw new ObjexFileException(
                path,
                reader.GetInt64(0) == 0
                    ? "unfinished dump: the meta table is empty (the collector did not finish)"
                    : "unfinished dump: meta.duration_s is empty (the collector did not finish)");
        }
    }

    /// <summary>
    /// meta.format_version: absent (or NULL) in the original objex's dumps, which stay readable; otherwise it must be
    /// a version this build reads, so a newer collector's dump is refused instead of half understood.
    /// </summary>
    private static void CheckFormatVersion(SqliteConnection connection, string path)
    {
        if (!SqliteFileProbe.ColumnNames(connection, "meta").Contains("format_version"))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT format_version FROM meta LIMIT 1";
        var known = ObjexVersion.DumpFormat;
        switch (command.ExecuteScalar())
        {
            case null or DBNull:
                return;
            case long version when version == known:
                return;
            case long version when version > known:
                throw new ObjexFileException(path, $"dump format {version} is newer than this objex reads (format {known}): use the objex that came with the collector that wrote it");
            case var other:
                throw new ObjexFileException(path, $"meta.format_version is {other}, not a dump format this objex reads (format {known})");
        }
    }
}
