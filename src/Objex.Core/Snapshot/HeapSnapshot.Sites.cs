using Microsoft.Data.Sqlite;

namespace Objex.Snapshot;

/// <summary>
/// Allocation sites (docs/dump-format.md, <c>site</c> and <c>object_site</c>): where tracemalloc saw each object
/// allocated, when the program traced. Dumps made before those tables, or of a program that did not trace, have none.
/// </summary>
public sealed partial class HeapSnapshot
{
    private bool? _hasSites;

    /// <summary>True when the analysis carries allocation sites (the tables exist and one object has a site).</summary>
    public bool HasSites
    {
        get
        {
            if (_hasSites is null)
            {
                lock (_sqlGate)
                {
                    using var command = _connection.CreateCommand();
                    command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('site', 'object_site')";
                    var tables = command.ExecuteScalar() is long n ? n : 0;
                    if (tables == 2)
                    {
                        command.CommandText = "SELECT EXISTS (SELECT 1 FROM object_site)";
                        tables = command.ExecuteScalar() is long any && any == 1 ? 2 : 0;
                    }

                    _hasSites = tables == 2;
                }
            }

            return _hasSites.Value;
        }
    }

    /// <summary>The site object <paramref name="obj"/> was allocated at (file, line, function or null), or null.</summary>
    public (string File, long Line, string? Function)? SiteOf(ObjId obj)
    {
        if (!HasSites)
        {
            return null;
        }

        lock (_sqlGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT s.filename, s.lineno, s.function FROM object_site o JOIN site s ON s.id = o.site WHERE o.object = $id";
            command.Parameters.AddWithValue("$id", (int)obj);
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)) : null;
        }
    }

    /// <summary>Calls <paramref name="visit"/> with every object that has a site and its site id, in object order.</summary>
    public void ForEachObjectSite(Action<ObjId, int> visit, CancellationToken cancellationToken)
    {
        if (!HasSites)
        {
            return;
        }

        lock (_sqlGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT object, site FROM object_site";
            using var reader = command.ExecuteReader();
            for (var rows = 0; reader.Read(); rows++)
            {
                if ((rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var obj = (ObjId)reader.GetInt32(0);
                if (IsObject(obj))
                {
                    visit(obj, reader.GetInt32(1));
                }
            }
        }
    }

    /// <summary>The sites with these ids: file, line, function or null.</summary>
    public Dictionary<int, (string File, long Line, string? Function)> Sites(IReadOnlyCollection<int> ids)
    {
        var sites = new Dictionary<int, (string File, long Line, string? Function)>();
        lock (_sqlGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT filename, lineno, function FROM site WHERE id = $id";
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            foreach (var site in ids)
            {
                id.Value = site;
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    sites[site] = (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                }
            }
        }

        return sites;
    }
}
