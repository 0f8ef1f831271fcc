using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Objex.Export;

/// <summary>
/// Hand-laid JSON into a 1 MiB buffer that goes to the stream whenever it fills: the snapshot format is a few
/// long arrays of integers, written one number at a time without any per-number allocation, so the file's
/// size never sits in memory. Strings are escaped by System.Text.Json. The caller flushes at the end (nothing
/// is flushed on an error: the file is a temporary one, deleted then).
/// </summary>
internal sealed class JsonTextOutput(Stream stream)
{
    private const int Capacity = 1 << 20;
    private readonly byte[] _buffer = new byte[Capacity];
    private int _used;

    /// <summary>Bytes written so far (flushed or not).</summary>
    internal long Written { get; private set; }

    internal void Raw(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > Capacity - _used)
        {
            Flush();
            if (utf8.Length > Capacity)
            {
                stream.Write(utf8);
                Written += utf8.Length;
                return;
            }
        }

        utf8.CopyTo(_buffer.AsSpan(_used));
        _used += utf8.Length;
        Written += utf8.Length;
    }

    internal void Number(long value)
    {
        if (Capacity - _used < 24)
        {
            Flush();
        }

        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out var length);
        _used += length;
        Written += length;
    }

    /// <summary>A comma, then the number (the next element of an array already started).</summary>
    internal void CommaNumber(long value)
    {
        Raw(","u8);
        Number(value);
    }

    /// <summary>A JSON string (quoted, escaped).</summary>
    internal void String(string text)
    {
        Raw("\""u8);
        Raw(JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
        Raw("\""u8);
    }

    internal void Flush()
    {
        stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
