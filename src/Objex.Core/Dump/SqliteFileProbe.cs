using Microsoft.Data.Sqlite;
using Objex.Snapshot;

namespace Objex.Dump;

/// <summary>
/// The checks every file objex opens goes through first, so that a wrong file gets one clear
/// line (missing, not SQLite, which tables are missing) instead of an SQLite error.
/// </summary>
internal static class SqliteFileProbe
{
    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    /// <summary>Throws <see cref="ObjexFileException"/> unless <paramref name="path"/> is an existing regular file starting with the SQLite header.</summary>
    internal static void RequireSqliteFile(string path)
    {
        FileChecks.RequireInput(path);

        Span<byte> header = stackalloc byte[16];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObjexFileException(path, $"cannot be read ({e.Message})", e);
        }

        if (read < header.Length || !header.SequenceEqual(SqliteHeader))
        {
            throw new ObjexFileException(path, read == 0 ? "is empty, not an SQLite database" : "not an SQLite database");
        }
    }

    /// <summary>Names of the tables in the main schema, lower-cased.</summary>
    internal static HashSet<string> TableNames(SqliteConnection connection, string path)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = command.ExecuteReader();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }
        catch (SqliteException e)
        {
            throw Corrupt(path, e);
        }
    }

    /// <summary>Names of the columns of <paramref name="table"/>.</summary>
    internal static HashSet<string> ColumnNames(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The one-line error for a file SQLite could not read through.</summary>
    internal static ObjexFileException Corrupt(string path, SqliteException e) =>
        new(path, $"truncated or corrupt database ({FirstLine(e.Message)})", e);

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim().TrimEnd('.');
    }
}
