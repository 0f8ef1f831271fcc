using Objex.Dump;

namespace Objex.Snapshot;

/// <summary>The dump's memory measurements (tables a dump made before them, or the original's, lack).</summary>
public sealed partial class HeapSnapshot
{
    private MemoryFacts? _memory;
    private bool _memoryRead;

    /// <summary>The <c>memory</c> and <c>external_buffer</c> tables, read once; null when the dump has no <c>memory</c> table.</summary>
    public MemoryFacts? Memory()
    {
        lock (_sqlGate)
        {
            if (_memoryRead)
            {
                return _memory;
            }

            _memoryRead = true;
            var tables = SqliteFileProbe.TableNames(_connection, Path);
            if (!tables.Contains("memory"))
            {
                return null;
            }

            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = "SELECT source, name, value FROM memory";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    values[reader.GetString(0) + "." + reader.GetString(1)] = reader.GetInt64(2);
                }
            }

            var external = new Dictionary<string, long>(StringComparer.Ordinal);
            if (tables.Contains("external_buffer"))
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT place, SUM(bytes) FROM external_buffer GROUP BY place";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    external[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            return _memory = new MemoryFacts(values, external);
        }
    }
}
