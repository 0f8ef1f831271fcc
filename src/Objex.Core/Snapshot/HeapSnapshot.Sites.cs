using Microsoft.Data.Sqlite;

namespace Objex.Snapshot;

/// <summary>
/// Allocation sites (docs/dump-format.md, <c>site</c> and <c>object_site</c>): where tracemalloc saw each object
/// allocated, when the program traced. Dumps made before those tables, or of a program that did not trace, have none.
/// </summary>
public sealed partial class HeapSnapshot
{
    /// <summary>The site id of an object that has none.</summary>
    public const int NoSite = -1;

    private bool? _hasSites;
    private int[]? _siteIds;

    /// <summary>True when the analysis carries allocation sites (the tables exist and one object has a site).</summary>
    public bool HasSites
    {
        get
        {
            lock (_sqlGate)
            {
                return HasSitesUnlocked();
            }
        }
    }

    /// <summary><see cref="HasSites"/>, the caller holding <c>_sqlGate</c>.</summary>
    private bool HasSitesUnlocked()
    {
        if (_hasSites is null)
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

        return _hasSites.Value;
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

    /// <summary>
    /// Each object's site id, <see cref="NoSite"/> for one without (every one when the heap has no sites): read from
    /// <c>object_site</c> once, on first use, and kept (4 B per object, 4 MiB at a million), so that grouping any set of
    /// objects by site (suspects, diff, <c>top sites</c>) is an array read per object rather than a query. The dump
    /// keeps one site per distinct traceback, but a person reads a site as its line: objects allocated at one line
    /// from two callers get the same id here (the lowest of the line's sites), so they are counted together.
    /// </summary>
    public ReadOnlySpan<int> SiteIds(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _siteIds) is { } known)
        {
            return known;
        }

        lock (_sqlGate)
        {
            if (_siteIds is null)
            {
                var ids = new int[ObjectCount];
                Array.Fill(ids, NoSite);
                if (HasSitesUnlocked())
                {
                    // Through the raw API: 0.7 s for 900,000 rows through SqliteDataReader at load 7, ~0.1 s this way.
                    var lineOf = SiteLines();
                    using var scan = new Dump.RawStatement(_connection, "SELECT object, site FROM object_site", Path);
                    for (var rows = 0; scan.Step(); rows++)
                    {
                        if ((rows & 0xFFFF) == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                        }

                        var obj = (ObjId)scan.Int32(0);
                        var site = scan.Int32(1);
                        if (IsObject(obj) && (uint)site < (uint)lineOf.Length)
                        {
                            ids[(int)obj] = lineOf[site];
                        }
                    }
                }

                Volatile.Write(ref _siteIds, ids);
            }

            return _siteIds;
        }
    }

    /// <summary>Per site id, the lowest id of a site with the same file, line and function (the caller holds <c>_sqlGate</c>).</summary>
    private int[] SiteLines()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, filename, lineno, function FROM site ORDER BY id";
        using var reader = command.ExecuteReader();
        var first = new Dictionary<(string File, long Line, string? Function), int>();
        var lineOf = new List<int>();
        while (reader.Read())
        {
            var id = reader.GetInt32(0);
            var line = (reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            if (!first.TryGetValue(line, out var canonical))
            {
                first[line] = canonical = id;
            }

            while (lineOf.Count <= id)
            {
                lineOf.Add(NoSite);
            }

            lineOf[id] = canonical;
        }

        return [.. lineOf];
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
