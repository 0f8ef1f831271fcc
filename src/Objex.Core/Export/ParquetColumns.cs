using Parquet;
using Parquet.Schema;

namespace Objex.Export;

/// <summary>
/// One Parquet file being written (Parquet.Net): its schema's fields by name, and each row group written column by
/// column in schema order from arrays the caller fills, so a table of any length costs one row group's arrays.
/// </summary>
internal sealed class ParquetColumns : IAsyncDisposable
{
    /// <summary>Rows per row group: large enough for good compression and fast scans, small enough to keep memory flat.</summary>
    internal const int RowGroupRows = 1 << 18;

    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private readonly ParquetSchema _schema;
    private ParquetRowGroupWriter? _group;
    private int _next;

    private ParquetColumns(Stream stream, ParquetWriter writer, ParquetSchema schema)
    {
        _stream = stream;
        _writer = writer;
        _schema = schema;
    }

    internal static async Task<ParquetColumns> CreateAsync(string path, DataField[] fields, CancellationToken cancel)
    {
        var schema = new ParquetSchema(fields);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        try
        {
            var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, append: false, cancel);
            return new ParquetColumns(stream, writer, schema);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the next row group; its columns follow in schema order.</summary>
    internal void BeginRowGroup()
    {
        _group?.Dispose();
        _group = _writer.CreateRowGroup();
        _next = 0;
    }

    /// <summary>The next column: the first <paramref name="count"/> values.</summary>
    internal Task WriteAsync<T>(T[] values, int count, CancellationToken cancel)
        where T : struct => Group.WriteAsync(NextField(), new ReadOnlyMemory<T>(values, 0, count), null, null, cancel);

    /// <summary>The next (nullable) column: the first <paramref name="count"/> values.</summary>
    internal Task WriteAsync<T>(T?[] values, int count, CancellationToken cancel)
        where T : struct => Group.WriteAsync(NextField(), new ReadOnlyMemory<T?>(values, 0, count), null, null, cancel);

    /// <summary>The next (string) column: the first <paramref name="count"/> values.</summary>
    internal Task WriteAsync(string?[] values, int count) => Group.WriteAsync(NextField(), new ArraySegment<string>(values!, 0, count), null);

    public async ValueTask DisposeAsync()
    {
        _group?.Dispose();
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private ParquetRowGroupWriter Group => _group ?? throw new InvalidOperationException("no row group begun");

    private DataField NextField() => _schema.DataFields[_next++];
}
