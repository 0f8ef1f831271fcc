using Microsoft.Data.Sqlite;
using Objex.Snapshot;
using SQLitePCL;

namespace Objex.Dump;

/// <summary>
/// A prepared statement driven through SQLitePCL's raw API: no boxing and no per-row objects,
/// which is what makes reading millions of rows take a fraction of a second. Any SQLite error
/// becomes the one-line <see cref="ObjexFileException"/> naming <c>path</c>.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _path;
    private readonly nint _handle;

    internal RawStatement(SqliteConnection connection, string sql, string path)
    {
        _db = connection.Handle!;
        _path = path;
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            throw Failure(rc);
        }

        _handle = _statement.DangerousGetHandle();
    }

    /// <summary>Advances to the next row; false when done.</summary>
    internal bool Step()
    {
        var rc = NativeSqlite.Step(_handle);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw Failure(rc),
        };
    }

    /// <summary>Runs an INSERT/UPDATE once with the values bound so far, then resets it for the next row.</summary>
    internal void Execute()
    {
        var rc = NativeSqlite.Step(_handle);
        if (rc != raw.SQLITE_DONE)
        {
            throw Failure(rc);
        }

        _ = NativeSqlite.Reset(_handle); // returns the step's code again, already checked
    }

    internal void Bind(int index, long value)
    {
        var rc = NativeSqlite.BindInt64(_handle, index, value);
        if (rc != raw.SQLITE_OK)
        {
            throw Failure(rc);
        }
    }

    internal void Bind(int index, ReadOnlySpan<byte> blob) => raw.sqlite3_bind_blob(_statement, index, blob);

    internal void Bind(int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(_statement, index);
        }
        else
        {
            raw.sqlite3_bind_text(_statement, index, value);
        }
    }

    internal long Int64(int column) => NativeSqlite.ColumnInt64(_handle, column);

    internal int Int32(int column) => (int)NativeSqlite.ColumnInt64(_handle, column);

    internal bool IsNull(int column) => NativeSqlite.ColumnType(_handle, column) == raw.SQLITE_NULL;

    /// <summary>A text column (an empty string for NULL).</summary>
    internal string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string() ?? "";

    /// <summary>
    /// A text or blob column's bytes (empty for NULL) without copying them: valid until the next <see cref="Step"/>, so
    /// a loop over millions of rows can hash values without making a string per row.
    /// </summary>
    internal unsafe ReadOnlySpan<byte> Bytes(int column)
    {
        var data = NativeSqlite.ColumnBlob(_handle, column); // before ColumnBytes, as SQLite asks
        var length = NativeSqlite.ColumnBytes(_handle, column);
        return data == 0 ? [] : new ReadOnlySpan<byte>((void*)data, length);
    }

    /// <summary>Makes a SELECT ready to run again with new bindings.</summary>
    internal void Reset() => _ = NativeSqlite.Reset(_handle);

    public void Dispose() => _statement.Dispose();

    private Exception Failure(int rc)
    {
        // Only a cancel interrupts a statement (the analysis' progress handler): not the dump's fault.
        if (rc == raw.SQLITE_INTERRUPT)
        {
            return new OperationCanceledException("interrupted");
        }

        var message = raw.sqlite3_errmsg(_db).utf8_to_string();
        return new ObjexFileException(_path, $"truncated or corrupt database ({message}, SQLite code {rc})");
    }
}
