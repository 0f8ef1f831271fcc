using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Objex.Snapshot;

/// <summary>
/// Reads and writes the `graph_array` table: named little-endian arrays stored as one BLOB
/// each, streamed straight between the array's memory and SQLite's incremental blob I/O
/// (no per-element work, no intermediate copy of the whole blob).
/// </summary>
internal static class GraphArrayStore
{
    internal const string CreateTableSql =
        "CREATE TABLE graph_array (name TEXT PRIMARY KEY, element TEXT NOT NULL, length INTEGER NOT NULL, data BLOB NOT NULL)";

    /// <summary>Stores <paramref name="values"/> under <paramref name="name"/>.</summary>
    internal static void Write<T>(SqliteConnection connection, string name, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        long rowid;
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText =
                "INSERT INTO graph_array (name, element, length, data) VALUES ($name, $element, $length, zeroblob($bytes)); SELECT last_insert_rowid()";
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$element", ElementName<T>());
            insert.Parameters.AddWithValue("$length", values.Length);
            insert.Parameters.AddWithValue("$bytes", bytes.Length);
            rowid = (long)insert.ExecuteScalar()!;
        }

        if (bytes.Length == 0)
        {
            return;
        }

        using var blob = new SqliteBlob(connection, "graph_array", "data", rowid);
        blob.Write(bytes);
    }

    /// <summary>Reads the array stored under <paramref name="name"/>; throws <see cref="InvalidDataException"/> when missing or mis-typed.</summary>
    internal static T[] Read<T>(SqliteConnection connection, string name)
        where T : unmanaged
    {
        long rowid;
        long length;
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT rowid, element, length, length(data) FROM graph_array WHERE name = $name";
            query.Parameters.AddWithValue("$name", name);
            using var reader = query.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidDataException($"graph_array '{name}' is missing");
            }

            rowid = reader.GetInt64(0);
            var element = reader.GetString(1);
            length = reader.GetInt64(2);
            if (element != ElementName<T>() || reader.GetInt64(3) != length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>())
            {
                throw new InvalidDataException($"graph_array '{name}' has the wrong element type or length");
            }
        }

        var values = GC.AllocateUninitializedArray<T>(checked((int)length));
        if (values.Length == 0)
        {
            return values;
        }

        using var blob = new SqliteBlob(connection, "graph_array", "data", rowid, readOnly: true);
        blob.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static string ElementName<T>()
        where T : unmanaged =>
        typeof(T) == typeof(int) || typeof(T) == typeof(ObjId) || typeof(T) == typeof(EdgeId) ? "i32" :
        typeof(T) == typeof(long) ? "i64" :
        typeof(T) == typeof(byte) ? "u8" :
        throw new NotSupportedException(typeof(T).Name);
}
