using System.Globalization;
using Microsoft.Data.Sqlite;
using Objex.Dump;
using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Analysis;

/// <summary>
/// Extends the working copy of the dump into an analysis database (docs/analysis-format.md):
/// the original's additions, the graph arrays, per-type totals, meta. Bulk work stays inside
/// SQLite (INSERT … SELECT joined with small temp tables) so no statement runs once per object
/// from C#.
/// </summary>
internal static class AnalysisWriter
{
    private static readonly string[] OptionalTables =
    [
        "CREATE TABLE IF NOT EXISTS pytype_bases (id INTEGER PRIMARY KEY, obj_id INTEGER NOT NULL, base_obj_id INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS gc_referrer (src INTEGER NOT NULL, dst INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS gc_referent (src INTEGER NOT NULL, dst INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS object_mark (id INTEGER PRIMARY KEY, object INTEGER NOT NULL, mark TEXT NOT NULL UNIQUE)",
    ];

    // Only what the explorer and the web UI look up by; `reference` needs none (CSR + rowid).
    private static readonly string[] Indices =
    [
        "CREATE INDEX IF NOT EXISTS objex_pytype_object ON pytype(object)",
        "CREATE INDEX IF NOT EXISTS objex_module_object ON module(object)",
        "CREATE INDEX IF NOT EXISTS objex_module_name ON module(name)",
        "CREATE INDEX IF NOT EXISTS objex_pyframe_object ON pyframe(object)",
        "CREATE INDEX IF NOT EXISTS objex_function_object ON function(object)",
        "CREATE INDEX IF NOT EXISTS objex_pycode_object ON pycode(object)",
        "CREATE INDEX IF NOT EXISTS objex_thread_stack ON thread(stack_obj_id)",
    ];

    /// <summary>Additions that need only the dump: reference kinds, `.__class__` rows, attributed sizes, graph arrays, indices. Returns the `.__class__` rows added.</summary>
    internal static long WriteDumpAdditions(SqliteConnection connection, DumpContents dump, string path)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var sql in OptionalTables)
        {
            Execute(connection, sql);
        }

        if (!dump.ReferenceHasKind)
        {
            Execute(connection, "ALTER TABLE reference ADD COLUMN kind INTEGER NOT NULL DEFAULT 0");
            Execute(connection, $"UPDATE reference SET kind = 2 WHERE ({OriginalEdgeKind.SqlExpression}) = 2");
        }

        var added = AddClassReferences(connection, dump, path);
        AddAttributedSizes(connection, dump, path);
        var graph = dump.Graph;
        Execute(connection, GraphArrayStore.CreateTableSql);
        GraphArrayStore.Write<int>(connection, GraphArrayNames.FwdOffsets, graph.FwdOffsets);
        GraphArrayStore.Write<ObjId>(connection, GraphArrayNames.FwdTargets, graph.FwdTargets);
        GraphArrayStore.Write<byte>(connection, GraphArrayNames.EdgeKind, graph.EdgeKind);
        GraphArrayStore.Write<int>(connection, GraphArrayNames.EdgeRowId, graph.EdgeRowId);
        GraphArrayStore.Write<ObjId>(connection, GraphArrayNames.ObjType, graph.ObjType);
        GraphArrayStore.Write<long>(connection, GraphArrayNames.ObjSize, graph.ObjSize);
        GraphArrayStore.Write<byte>(connection, GraphArrayNames.ObjKind, graph.ObjKind);
        if (dump.Address is { } address)
        {
            // What `diff` matches objects by: read whole in milliseconds, where a scan of `object` took 0.2 s per million.
            GraphArrayStore.Write<long>(connection, GraphArrayNames.ObjAddress, address);
        }
        foreach (var sql in Indices)
        {
            Execute(connection, sql);
        }

        transaction.Commit();
        return added;
    }

    /// <summary>The computed results: root trees, dominators, retained sizes, type totals, meta.</summary>
    internal static void WriteResults(
        SqliteConnection connection,
        AnalysisResults results,
        DumpContents dump,
        string sourceDumpName)
    {
        using var transaction = connection.BeginTransaction();
        GraphArrayStore.Write<EdgeId>(connection, GraphArrayNames.ModuleParentEdge, results.ModuleParentEdge);
        GraphArrayStore.Write<int>(connection, GraphArrayNames.ModuleDistance, results.ModuleDistance);
        GraphArrayStore.Write<EdgeId>(connection, GraphArrayNames.FrameParentEdge, results.FrameParentEdge);
        GraphArrayStore.Write<int>(connection, GraphArrayNames.FrameDistance, results.FrameDistance);
        GraphArrayStore.Write<ObjId>(connection, GraphArrayNames.Idom, results.Dominators.Idom);
        GraphArrayStore.Write<long>(connection, GraphArrayNames.Retained, results.Dominators.Retained);
        GraphArrayStore.Write<long>(connection, GraphArrayNames.VirtualRetained, results.Dominators.VirtualRetained);
        GraphArrayStore.Write<int>(connection, GraphArrayNames.UnseenRefs, results.UnseenReferences);

        Execute(connection, "DROP TABLE IF EXISTS type_stats");
        Execute(connection, "CREATE TABLE type_stats (type INTEGER PRIMARY KEY, instance_count INTEGER NOT NULL, shallow_bytes INTEGER NOT NULL, retained_bytes INTEGER NOT NULL)");
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO type_stats VALUES ($type, $count, $shallow, $retained)";
            var type = insert.Parameters.Add("$type", SqliteType.Integer);
            var count = insert.Parameters.Add("$count", SqliteType.Integer);
            var shallow = insert.Parameters.Add("$shallow", SqliteType.Integer);
            var retained = insert.Parameters.Add("$retained", SqliteType.Integer);
            foreach (var total in results.TypeTotals)
            {
                type.Value = (int)total.Type;
                count.Value = total.Count;
                shallow.Value = total.ShallowBytes;
                retained.Value = total.RetainedBytes;
                insert.ExecuteNonQuery();
            }
        }

        WriteMeta(connection, results, dump, sourceDumpName);
        transaction.Commit();
    }

    // Which objects get a row is passed as one byte per object in a bound BLOB that the
    // INSERT … SELECT tests with substr() (O(1) on a blob): no temp table, no per-row C# call.
    private static long AddClassReferences(SqliteConnection connection, DumpContents dump, string path)
    {
        var types = dump.Graph.ObjType;
        var mask = new byte[types.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = types[i] >= 0 ? (byte)1 : (byte)0;
        }

        foreach (var id in dump.ObjectsWithClassReference)
        {
            mask[(int)id] = 0;
        }

        using var insert = new RawStatement(
            connection,
            "INSERT INTO reference (src, dst, ref, kind) SELECT id, pytype, '.__class__', 3 FROM object WHERE substr(?1, id + 1, 1) = x'01' ORDER BY id",
            path);
        insert.Bind(1, mask);
        insert.Execute();
        using var changes = connection.CreateCommand();
        changes.CommandText = "SELECT changes()";
        return (long)changes.ExecuteScalar()!;
    }

    // An object is credited with the size of its own __dict__ (the first owner, if a dict is
    // somehow shared), and the dict with 0, so the column still sums to the total shallow size.
    private static void AddAttributedSizes(SqliteConnection connection, DumpContents dump, string path)
    {
        var sizes = dump.Graph.ObjSize;
        var delta = new Dictionary<ObjId, long>();
        var claimed = new HashSet<ObjId>();
        foreach (var (owner, dict) in dump.DictOwners)
        {
            if (owner != dict && claimed.Add(dict))
            {
                delta[owner] = delta.GetValueOrDefault(owner) + sizes[(int)dict];
                delta[dict] = delta.GetValueOrDefault(dict) - sizes[(int)dict];
            }
        }

        // A view over the few objects whose attributed size differs from their size: the same
        // rows the original's table has, without writing one row per object.
        DropAny(connection, "object_attributed_size");
        DropAny(connection, "objex_attributed_delta");
        Execute(connection, "CREATE TABLE objex_attributed_delta (object INTEGER PRIMARY KEY, delta INTEGER NOT NULL)");
        using (var insert = new RawStatement(connection, "INSERT INTO objex_attributed_delta VALUES (?1, ?2)", path))
        {
            foreach (var (id, value) in delta.OrderBy(pair => pair.Key))
            {
                insert.Bind(1, (int)id);
                insert.Bind(2, value);
                insert.Execute();
            }
        }

        Execute(
            connection,
            "CREATE VIEW object_attributed_size AS SELECT o.id AS object, o.size + coalesce(d.delta, 0) AS attributed_size " +
            "FROM object o LEFT JOIN objex_attributed_delta d ON d.object = o.id");
    }

    private static void WriteMeta(SqliteConnection connection, AnalysisResults results, DumpContents dump, string sourceDumpName)
    {
        var values = new List<(string Column, string Type, object? Value)>
        {
            ("object_count", "INTEGER", (long)dump.Graph.NodeCount),
            ("reference_count", "INTEGER", dump.ReferenceRows),
            ("immortal_refcount", "INTEGER", dump.ImmortalRefcount),
            ("immortal_object_count", "INTEGER", dump.ImmortalObjectCount),
            ("analysis_format_version", "INTEGER", (long)ObjexVersion.AnalysisFormat),
            ("analysis_tool", "TEXT", $"objex {typeof(AnalysisWriter).Assembly.GetName().Version?.ToString(3) ?? "?"}"),
            ("source_dump", "TEXT", sourceDumpName),
            ("dangling_reference_count", "INTEGER", dump.DanglingReferences),
            ("edge_count", "INTEGER", (long)dump.Graph.EdgeCount),
            ("total_shallow_bytes", "INTEGER", results.TotalShallowBytes),
            ("module_reachable_count", "INTEGER", (long)results.ModuleReachable),
            ("frame_reachable_count", "INTEGER", (long)results.FrameReachable),
            ("unreachable_count", "INTEGER", (long)results.Dominators.UnreachableCount),
            ("held_from_c_count", "INTEGER", (long)results.Dominators.HeldFromCCount),
        };
        var existing = SqliteFileProbe.ColumnNames(connection, "meta");
        using var update = connection.CreateCommand();
        var assignments = new List<string>();
        foreach (var (column, type, value) in values)
        {
            if (existing.Contains(column))
            {
                if (column is "object_count" or "reference_count")
                {
                    continue; // the dump's own count stays
                }
            }
            else
            {
                Execute(connection, $"ALTER TABLE meta ADD COLUMN {column} {type}");
            }

            assignments.Add(string.Create(CultureInfo.InvariantCulture, $"{column} = ${column}"));
            update.Parameters.AddWithValue("$" + column, value ?? DBNull.Value);
        }

        update.CommandText = "UPDATE meta SET " + string.Join(", ", assignments);
        update.ExecuteNonQuery();
    }

    private static void DropAny(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type FROM sqlite_master WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        if (command.ExecuteScalar() is string type && type is "table" or "view")
        {
            Execute(connection, $"DROP {type.ToUpperInvariant()} {name}");
        }
    }

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
