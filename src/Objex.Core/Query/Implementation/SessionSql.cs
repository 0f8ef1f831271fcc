using System.Globalization;
using Microsoft.Data.Sqlite;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// The query layer's own read-only connection to the analysis database: the few lookups the snapshot does
/// not offer (type hierarchy, frame chains, the type list) and the user's ad-hoc <c>sql</c>, which must
/// never write: the connection is read-only and only a single SELECT (or WITH … SELECT) is accepted.
/// </summary>
internal sealed class SessionSql(HeapSnapshot snapshot) : IDisposable
{
    private SqliteConnection? _connection;

    private sbyte[]? _chainEnds;
    private Dictionary<ObjId, (long? Line, long? FirstLine)>? _generatorLines;

    private SqliteConnection Connection => _connection ??= AddAnalysisView(snapshot.OpenReadOnlyConnection());

    internal List<ObjId> TypeObjects() => Ids("SELECT object FROM pytype ORDER BY object");

    /// <summary>Direct bases of a type, in the order the dump recorded them.</summary>
    internal List<ObjId> Bases(ObjId type) => Ids("SELECT base_obj_id FROM pytype_bases WHERE obj_id = $id ORDER BY id", type);

    internal List<ObjId> Subtypes(ObjId type) => Ids("SELECT obj_id FROM pytype_bases WHERE base_obj_id = $id ORDER BY obj_id", type);

    /// <summary>Frames whose <c>f_back</c> is the frame (the frames it called); the pyframe table is small.</summary>
    internal List<ObjId> CalledFrames(ObjId frame) => Ids("SELECT object FROM pyframe WHERE f_back_obj_id = $id ORDER BY object", frame);

    /// <summary>
    /// A generator's or coroutine's suspended line and its code's first line from the dump's <c>pygen</c> table
    /// (nulls when the dump predates it or has no row for the object). The table is read whole on first use, one
    /// scan, rather than indexed: analysis files made before it existed stay valid as they are.
    /// </summary>
    internal (long? Line, long? FirstLine) GeneratorLines(ObjId generator)
    {
        if (_generatorLines is null)
        {
            _generatorLines = [];
            if (Ids("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pygen'").Count > 0)
            {
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT object, lineno, co_firstlineno FROM pygen";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    _generatorLines[(ObjId)reader.GetInt32(0)] = (reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetInt64(2));
                }
            }
        }

        return _generatorLines.TryGetValue(generator, out var lines) ? lines : (null, null);
    }

    /// <summary>Runs one read-only SELECT and renders each cell as text (null for SQL NULL).</summary>
    internal SqlTable Select(string text, int maxRows, CancellationToken cancellationToken)
    {
        var statement = SingleSelect(text);
        using var command = Connection.CreateCommand();
        command.CommandText = statement;
        // SqliteCommand.Cancel does nothing, and sqlite3_interrupt is lost when it comes before the statement
        // starts; a progress handler polls the token every 1,000 virtual-machine steps instead, so Ctrl-C
        // always ends a long query.
        var handle = Connection.Handle;
        SQLitePCL.raw.sqlite3_progress_handler(handle, 1000, _ => cancellationToken.IsCancellationRequested ? 1 : 0, null);
        try
        {
            using var reader = command.ExecuteReader();
            var columns = new List<string>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                columns.Add(reader.GetName(i));
            }

            var rows = new List<IReadOnlyList<string?>>();
            var numeric = new List<IReadOnlyList<bool>>();
            var truncated = false;
            while (reader.Read())
            {
                if (rows.Count == maxRows)
                {
                    truncated = true;
                    break;
                }

                var row = new string?[reader.FieldCount];
                var isNumber = new bool[row.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    var value = reader.GetValue(i);
                    row[i] = Cell(value);
                    isNumber[i] = value is long or double;
                }

                rows.Add(row);
                numeric.Add(isNumber);
            }

            return new SqlTable(columns, rows, truncated) { NumericCells = numeric };
        }
        catch (SqliteException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new QueryException("sql: " + FirstLine(e.Message), e);
        }
        finally
        {
            SQLitePCL.raw.sqlite3_progress_handler(handle, 0, null, null);
        }
    }

    public void Dispose() => _connection?.Dispose();

    /// <summary>
    /// The <c>object_retained</c> view: one row per object with what the analysis keeps in graph_array blobs, which
    /// SQL cannot read as rows. A TEMP view over SQL functions that read the loaded arrays was chosen over tables
    /// materialised by make-analysis-db: it costs the analysis nothing (no time, no bytes per object), works on
    /// every analysis file already made, and is computed only for the rows a query reads. (The connection is
    /// read-only; TEMP objects live in the connection's own temporary schema.)
    /// </summary>
    private SqliteConnection AddAnalysisView(SqliteConnection connection)
    {
        var n = snapshot.ObjectCount;
        bool Valid(long id) => id >= 0 && id < n;
        connection.CreateFunction("objex_retained", (long id) => Valid(id) ? snapshot.RetainedSize((ObjId)id) : (long?)null, isDeterministic: true);
        connection.CreateFunction("objex_idom", (long id) => Valid(id) && snapshot.ImmediateDominator((ObjId)id) is var idom && (int)idom >= 0 ? (int)idom : (long?)null, isDeterministic: true);
        connection.CreateFunction("objex_held_from", (long id) => Valid(id) ? DominatorChainEnds.Describe(ChainEnds()[id]) : null, isDeterministic: true);
        connection.CreateFunction("objex_reached_from", (long id) => Valid(id) ? ReachedFrom((ObjId)id) : null, isDeterministic: true);
        connection.CreateFunction("objex_module_distance", (long id) => Valid(id) ? Distance(snapshot.ModuleTree, (ObjId)id) : null, isDeterministic: true);
        connection.CreateFunction("objex_frame_distance", (long id) => Valid(id) ? Distance(snapshot.FrameTree, (ObjId)id) : null, isDeterministic: true);
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TEMP VIEW object_retained AS
            SELECT id AS object, objex_retained(id) AS retained, objex_idom(id) AS idom, objex_held_from(id) AS held_from,
                   objex_reached_from(id) AS reached_from, objex_module_distance(id) AS module_distance,
                   objex_frame_distance(id) AS frame_distance
            FROM main.object
            """;
        command.ExecuteNonQuery();
        return connection;
    }

    // Computed on the first query that asks for held_from: O(N), 1 byte per object.
    private sbyte[] ChainEnds() => _chainEnds ??= DominatorChainEnds.Compute(snapshot, CancellationToken.None);

    private string? ReachedFrom(ObjId id) => (snapshot.ModuleTree.IsReachable(id), snapshot.FrameTree.IsReachable(id)) switch
    {
        (true, true) => "modules and thread stacks",
        (true, false) => "modules",
        (false, true) => "thread stacks",
        _ => null,
    };

    private static long? Distance(RootTree tree, ObjId id) => tree.IsReachable(id) ? tree.Distance(id) : null;

    /// <summary>The statement without a trailing semicolon; refuses anything but one SELECT or WITH statement.</summary>
    internal static string SingleSelect(string text)
    {
        var statement = text.Trim().TrimEnd(';').Trim();
        var firstWord = statement.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (!firstWord.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !firstWord.Equals("WITH", StringComparison.OrdinalIgnoreCase))
        {
            throw new QueryException($"sql: only SELECT statements are allowed (the analysis database is opened read-only), not {firstWord}");
        }

        if (HasSemicolonOutsideQuotes(statement))
        {
            throw new QueryException("sql: one statement at a time");
        }

        return statement;
    }

    /// <summary>A semicolon outside strings, quoted names and comments: a second statement follows.</summary>
    private static bool HasSemicolonOutsideQuotes(string statement)
    {
        for (var i = 0; i < statement.Length; i++)
        {
            var c = statement[i];
            if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var end = statement.IndexOf(close, i + 1);
                i = end < 0 ? statement.Length : end;
            }
            else if (c == '-' && i + 1 < statement.Length && statement[i + 1] == '-')
            {
                var end = statement.IndexOf('\n', i);
                i = end < 0 ? statement.Length : end;
            }
            else if (c == '/' && i + 1 < statement.Length && statement[i + 1] == '*')
            {
                var end = statement.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? statement.Length : end + 1;
            }
            else if (c == ';')
            {
                return true;
            }
        }

        return false;
    }

    private static string? Cell(object value) => value switch
    {
        DBNull => null,
        byte[] bytes => "x'" + Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 32))) + (bytes.Length > 32 ? "…" : "") + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private List<ObjId> Ids(string query, ObjId? parameter = null)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = query;
        if (parameter is { } id)
        {
            command.Parameters.AddWithValue("$id", (int)id);
        }

        using var reader = command.ExecuteReader();
        var ids = new List<ObjId>();
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                ids.Add((ObjId)reader.GetInt32(0));
            }
        }

        return ids;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
