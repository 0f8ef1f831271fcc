using System.Globalization;
using Microsoft.Data.Sqlite;
using Objex.Dump;

namespace Objex.Snapshot;

/// <summary>What the snapshot reads from SQLite: meta, names, per-object details, labels, marks.</summary>
public sealed partial class HeapSnapshot
{
    private Dictionary<int, (string Name, string? QualName, ObjId Module)>? _types;
    private Dictionary<string, ObjId>? _moduleByName;
    private Dictionary<int, string>? _moduleNames;
    private SqliteCommand? _detailsCommand;
    private SqliteCommand? _labelCommand;
    private bool? _hasClosureNames;

    /// <summary>
    /// The snapshot's read-only connection, for ad-hoc `sql` and lookups a face needs. Not
    /// thread-safe: a face that queries from several threads opens its own with
    /// <see cref="OpenReadOnlyConnection"/>.
    /// </summary>
    public SqliteConnection Connection => _connection;

    /// <summary>A new read-only connection to the analysis database; the caller disposes it.</summary>
    public SqliteConnection OpenReadOnlyConnection() => OpenReadOnly(Path);

    /// <summary>Per-type totals, largest retained first.</summary>
    public IReadOnlyList<TypeTotal> TypeTotals()
    {
        var totals = new List<TypeTotal>();
        lock (_sqlGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT type, instance_count, shallow_bytes, retained_bytes FROM type_stats ORDER BY retained_bytes DESC, type";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var type = (ObjId)reader.GetInt32(0);
                totals.Add(new TypeTotal(type, TypeName(type) ?? "?", reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        return totals;
    }

    /// <summary>
    /// Every object's address in the dumped process (<c>object.address</c>), indexed by id; null for the original's
    /// dumps, which record none. The <c>obj_address</c> array when the analysis has one (one blob read: ~10 ms per
    /// million objects), else one sequential scan of <c>object</c> bound straight to e_sqlite3 (an analysis made
    /// before the array was: 0.2 s of CPU per million objects, more on a loaded machine).
    /// </summary>
    public long[]? Addresses()
    {
        lock (_sqlGate)
        {
            if (HasGraphArray(GraphArrayNames.ObjAddress))
            {
                return GraphArrayStore.Read<long>(_connection, GraphArrayNames.ObjAddress);
            }

            if (!SqliteFileProbe.ColumnNames(_connection, "object").Contains("address"))
            {
                return null;
            }

            var addresses = new long[ObjectCount];
            using var scan = new RawStatement(_connection, "SELECT id, address FROM object", Path);
            while (scan.Step())
            {
                var id = scan.Int64(0);
                if ((ulong)id < (ulong)addresses.Length)
                {
                    addresses[id] = scan.Int64(1);
                }
            }

            return addresses;
        }
    }

    /// <summary>
    /// A 64-bit hash of the length and short value (<c>object.len</c>, <c>object.value</c>: the text of a str, the repr
    /// of an int, float or bytes) of each of <paramref name="ids"/>, ascending, for telling apart two objects of one type
    /// and size (a diff's reused address). NULLs hash as such; 0 for every object of an analysis whose <c>object</c> has
    /// no <c>value</c> column. A few ids are looked up one by one; many, in one scan of <c>object</c> in id order.
    /// </summary>
    internal ulong[] ValueHashes(ReadOnlySpan<int> ids)
    {
        var hashes = new ulong[ids.Length];
        lock (_sqlGate)
        {
            if (ids.Length == 0 || !SqliteFileProbe.ColumnNames(_connection, "object").Contains("value"))
            {
                return hashes;
            }

            // An indexed lookup costs about as much as stepping over 16-32 rows of a scan.
            if (ids.Length < ObjectCount / 16)
            {
                using var lookup = new RawStatement(_connection, "SELECT len, value FROM object WHERE id = ?1", Path);
                for (var i = 0; i < ids.Length; i++)
                {
                    lookup.Bind(1, ids[i]);
                    hashes[i] = lookup.Step() ? ValueHash(lookup, 0) : 0;
                    lookup.Reset();
                }

                return hashes;
            }

            using var scan = new RawStatement(_connection, "SELECT id, len, value FROM object", Path);
            var next = 0;
            while (next < ids.Length && scan.Step())
            {
                var id = scan.Int64(0);
                while (next < ids.Length && ids[next] < id)
                {
                    next++;
                }

                if (next < ids.Length && ids[next] == id)
                {
                    hashes[next++] = ValueHash(scan, 1);
                }
            }
        }

        return hashes;
    }

    /// <summary>FNV-1a over the length column (at <paramref name="column"/>) and the value's UTF-8 bytes after it.</summary>
    private static ulong ValueHash(RawStatement row, int column)
    {
        const ulong prime = 1099511628211UL;
        var hash = 14695981039346656037UL;
        hash = (hash ^ (row.IsNull(column) ? ulong.MaxValue : (ulong)row.Int64(column))) * prime;
        hash = (hash ^ (row.IsNull(column + 1) ? 1UL : 2UL)) * prime;
        foreach (var b in row.Bytes(column + 1))
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }

    private bool HasGraphArray(string name)
    {
        using var query = new RawStatement(_connection, "SELECT 1 FROM graph_array WHERE name = ?1", Path);
        query.Bind(1, name);
        return query.Step();
    }

    /// <summary>Len, refcount, address, value of one object (one indexed SQLite lookup).</summary>
    public ObjectDetails Details(ObjId obj)
    {
        lock (_sqlGate)
        {
            if (_detailsCommand is null)
            {
                var columns = SqliteFileProbe.ColumnNames(_connection, "object");
                string Optional(string column) => columns.Contains(column) ? column : "NULL";
                _detailsCommand = _connection.CreateCommand();
                _detailsCommand.CommandText =
                    $"SELECT len, refcount, {Optional("address")}, {Optional("value")}, {Optional("is_immortal")} FROM object WHERE id = $id";
                _detailsCommand.Parameters.Add("$id", SqliteType.Integer);
            }

            _detailsCommand.Parameters[0].Value = (int)obj;
            using var reader = _detailsCommand.ExecuteReader();
            if (!reader.Read())
            {
                throw new ArgumentOutOfRangeException(nameof(obj), obj, "no such object");
            }

            var refcount = reader.GetInt64(1);
            var immortal = (!reader.IsDBNull(4) && reader.GetInt64(4) != 0) || (Meta.ImmortalRefcount is { } mark && refcount == mark);
            return new ObjectDetails(
                reader.IsDBNull(0) ? null : reader.GetInt64(0),
                refcount,
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                immortal);
        }
    }

    /// <summary>The label of <paramref name="edge"/> (`.name`, `3`, `@123`, `*`, `.locals['x']`, …), read from `reference` by rowid.</summary>
    public string EdgeLabel(EdgeId edge)
    {
        lock (_sqlGate)
        {
            if (_labelCommand is null)
            {
                _labelCommand = _connection.CreateCommand();
                _labelCommand.CommandText = "SELECT ref FROM reference WHERE rowid = $rowid";
                _labelCommand.Parameters.Add("$rowid", SqliteType.Integer);
            }

            _labelCommand.Parameters[0].Value = _edgeRowId[(int)edge];
            return _labelCommand.ExecuteScalar() as string ?? "";
        }
    }

    /// <summary>Name of a type object (`pytype.name`), or null when <paramref name="type"/> is not a type.</summary>
    public string? TypeName(ObjId type) => Types().TryGetValue((int)type, out var t) ? t.Name : null;

    /// <summary>`__qualname__` of a type object when the dump recorded it, else its name; null when not a type.</summary>
    public string? TypeQualName(ObjId type) => Types().TryGetValue((int)type, out var t) ? t.QualName ?? t.Name : null;

    /// <summary>The module a type object was defined in (`pytype.module`), or <see cref="ObjId.None"/>.</summary>
    public ObjId TypeModule(ObjId type) => Types().TryGetValue((int)type, out var t) ? t.Module : ObjId.None;

    /// <summary>Name of a module object, or null when <paramref name="module"/> is not a module.</summary>
    public string? ModuleName(ObjId module) => ModuleNames().TryGetValue((int)module, out var name) ? name : null;

    /// <summary>The module object named <paramref name="name"/> (e.g. `collections.abc`), or <see cref="ObjId.None"/>.</summary>
    public ObjId FindModule(string name)
    {
        if (_moduleByName is null)
        {
            var byName = new Dictionary<string, ObjId>(StringComparer.Ordinal);
            foreach (var module in Modules)
            {
                byName.TryAdd(module.Name, module.Object);
            }

            _moduleByName = byName;
        }

        return _moduleByName.TryGetValue(name, out var id) ? id : ObjId.None;
    }

    /// <summary>`func_name` of a function object, or null.</summary>
    public string? FunctionName(ObjId function) => LookupText("SELECT func_name FROM function WHERE object = $id LIMIT 1", function);

    /// <summary>
    /// The names of a function's closure cells in <c>__closure__</c> order (its code's <c>co_freevars</c>, the dump's
    /// <c>function.closure_names</c>), or null: not a function, no closure, or a dump made before that column.
    /// </summary>
    public string[]? ClosureNames(ObjId function)
    {
        if (_hasClosureNames ??= HasColumn("function", "closure_names"))
        {
            return LookupText("SELECT closure_names FROM function WHERE object = $id LIMIT 1", function)?.Split(' ');
        }

        return null;
    }

    /// <summary>`co_name` of a code object, or null.</summary>
    public string? CodeName(ObjId code) => LookupText("SELECT co_name FROM pycode WHERE object = $id LIMIT 1", code);

    /// <summary>The `pyframe` row of a frame object, or null when it is not a frame.</summary>
    public FrameInfo? Frame(ObjId frame)
    {
        lock (_sqlGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText =
                "SELECT f.f_back_obj_id, f.f_code_obj_id, coalesce(c.co_name, '?'), f.f_lineno, f.trace FROM pyframe f " +
                "LEFT JOIN pycode c ON c.object = f.f_code_obj_id WHERE f.object = $id LIMIT 1";
            command.Parameters.AddWithValue("$id", (int)frame);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new FrameInfo(
                frame,
                reader.IsDBNull(0) ? ObjId.None : (ObjId)reader.GetInt32(0),
                (ObjId)reader.GetInt32(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetString(4));
        }
    }

    /// <summary>Marks set with the explorer's `mark` command (`object_mark`), by mark name.</summary>
    public IReadOnlyDictionary<string, ObjId> Marks()
    {
        var marks = new Dictionary<string, ObjId>(StringComparer.Ordinal);
        lock (_sqlGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT mark, object FROM object_mark ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                marks[reader.GetString(0)] = (ObjId)reader.GetInt32(1);
            }
        }

        return marks;
    }

    /// <summary>
    /// Stores mark <paramref name="mark"/> → <paramref name="obj"/> in `object_mark` (replacing a
    /// mark of that name) through a short-lived read-write connection: the only write objex
    /// ever makes to an analysis database.
    /// </summary>
    public void SetMark(string mark, ObjId obj)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        using var writer = new SqliteConnection(builder.ToString());
        writer.Open();
        using var command = writer.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO object_mark (object, mark) VALUES ($object, $mark)";
        command.Parameters.AddWithValue("$object", (int)obj);
        command.Parameters.AddWithValue("$mark", mark);
        command.ExecuteNonQuery();
    }

    private static SqliteConnection OpenReadOnly(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    private static long ReadAnalysisVersion(SqliteConnection connection)
    {
        if (!SqliteFileProbe.ColumnNames(connection, "meta").Contains("analysis_format_version"))
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT analysis_format_version FROM meta LIMIT 1";
        return command.ExecuteScalar() is long version ? version : 0;
    }

    internal bool HasColumn(string table, string column)
    {
        lock (_sqlGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM pragma_table_info($table) WHERE name = $column";
            command.Parameters.AddWithValue("$table", table);
            command.Parameters.AddWithValue("$column", column);
            return command.ExecuteScalar() is not null;
        }
    }

    private string? LookupText(string sql, ObjId id)
    {
        lock (_sqlGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", (int)id);
            return command.ExecuteScalar() as string;
        }
    }

    private DumpMeta ReadMeta()
    {
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM meta LIMIT 1";
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
            }
        }

        string? Text(string name) => row.TryGetValue(name, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
        long? Integer(string name) => row.TryGetValue(name, out var v) && v is not null ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
        double? Real(string name) => row.TryGetValue(name, out var v) && v is not null ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

        long totalShallow = 0;
        foreach (var size in _objSize)
        {
            totalShallow += size;
        }

        return new DumpMeta
        {
            SourceDumpFile = Text("source_dump") ?? "?",
            Hostname = Text("hostname") ?? "?",
            Timestamp = Text("ts") ?? "?",
            Pid = Integer("pid") ?? 0,
            ProcessStartTicks = Integer("process_start_ticks"),
            PythonVersion = Text("python_version"),
            Platform = Text("platform"),
            RssBytes = Integer("rss_bytes"),
            PeakRssBytes = Integer("peak_rss_bytes") ?? (Real("memory_mb") is { } mb ? (long)(mb * 1024 * 1024) : null),
            Collector = Text("collector") ?? "original objex",
            ObjectCount = ObjectCount,
            ReferenceCount = Integer("reference_count") ?? Integer("dump_reference_count") ?? EdgeCount,
            TotalShallowBytes = Integer("total_shallow_bytes") ?? totalShallow,
            ImmortalRefcount = Integer("immortal_refcount"),
            ImmortalObjectCount = Integer("immortal_object_count") ?? 0,
            DanglingReferenceCount = Integer("dangling_reference_count") ?? 0,
            DurationSeconds = Real("duration_s") ?? 0,
            GcEnabled = Integer("gc_enabled") is { } enabled ? enabled != 0 : null,
            GcThresholds = Text("gc_thresholds"),
            GcCounts = Text("gc_info"),
        };
    }

    private List<ModuleInfo> ReadModules()
    {
        var modules = new List<ModuleInfo>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT object, name, file FROM module ORDER BY name, object";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            modules.Add(new ModuleInfo((ObjId)reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? "(none)" : reader.GetString(2)));
        }

        return modules;
    }

    private List<ThreadInfo> ReadThreads()
    {
        var columns = SqliteFileProbe.ColumnNames(_connection, "thread");
        var name = columns.Contains("name") ? "name" : "NULL";
        var isMain = columns.Contains("is_main") ? "is_main" : "0";
        var threads = new List<ThreadInfo>();
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT thread_id, {name}, {isMain}, stack_obj_id FROM thread ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            threads.Add(new ThreadInfo(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                !reader.IsDBNull(2) && reader.GetInt64(2) != 0,
                reader.IsDBNull(3) ? ObjId.None : (ObjId)reader.GetInt32(3)));
        }

        return threads;
    }

    private Dictionary<int, (string Name, string? QualName, ObjId Module)> Types()
    {
        if (_types is { } cached)
        {
            return cached;
        }

        lock (_sqlGate)
        {
            var hasQualName = SqliteFileProbe.ColumnNames(_connection, "pytype").Contains("qualname");
            var types = new Dictionary<int, (string, string?, ObjId)>();
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT object, name, {(hasQualName ? "qualname" : "NULL")}, module FROM pytype";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                types.TryAdd(
                    reader.GetInt32(0),
                    (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? ObjId.None : (ObjId)reader.GetInt32(3)));
            }

            _types = types;
            return types;
        }
    }

    private Dictionary<int, string> ModuleNames()
    {
        if (_moduleNames is { } cached)
        {
            return cached;
        }

        var names = new Dictionary<int, string>();
        foreach (var module in Modules)
        {
            names.TryAdd((int)module.Object, module.Name);
        }

        _moduleNames = names;
        return names;
    }
}
