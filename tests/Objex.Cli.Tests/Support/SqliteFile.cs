using Microsoft.Data.Sqlite;

namespace Objex.Cli.Tests.Support;

/// <summary>Changes a test's own copy of a dump or analysis database with SQL (an older format, a damaged file).</summary>
internal static class SqliteFile
{
    /// <summary>Runs <paramref name="sql"/> (one statement or several) on the file; returns the rows it changed.</summary>
    internal static int Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
