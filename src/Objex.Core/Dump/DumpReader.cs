using Microsoft.Data.Sqlite;
using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Dump;

/// <summary>
/// Reads a dump (ours or the original collector's) into a <see cref="HeapGraph"/> with one
/// sequential scan of `object` and one of `reference`, then the small tables. Peak memory
/// while grouping edges: 13 B per reference row (read) + 9 B per edge (CSR).
/// </summary>
internal static class DumpReader
{
    // Refcounts at or above this are the original's "immortal" candidates (3.11 and earlier
    // report ~1e9 for statically allocated objects); its analysis takes the most frequent one.
    private const long ImmortalCandidateFloor = 1_000_000_000;

    internal static DumpContents Read(SqliteConnection connection, string path, IProgress<double>? progress, CancellationToken cancel)
    {
        var objectColumns = SqliteFileProbe.ColumnNames(connection, "object");
        var referenceHasKind = SqliteFileProbe.ColumnNames(connection, "reference").Contains("kind");
        var nodeCount = ReadNodeCount(connection, path);
        var metaImmortal = ReadMetaImmortal(connection);

        // `object` and `reference` are scanned at the same time on two connections (two cores).
        var objects = Task.Run(
            () =>
            {
                using var second = new SqliteConnection(connection.ConnectionString);
                second.Open();
                return ReadObjects(second, path, nodeCount, objectColumns.Contains("is_immortal"), metaImmortal);
            },
            cancel);
        var edges = ReadReferences(connection, path, referenceHasKind, nodeCount, progress, cancel);
        var (objType, objSize, immortalRefcount, immortalCount) = objects.GetAwaiter().GetResult();
        var withClass = GroupBySource(edges, objType);
        cancel.ThrowIfCancellationRequested();

        var objKind = new byte[nodeCount];
        var modules = MarkKind(connection, path, "SELECT object FROM module", objKind, ObjKind.Module);
        MarkKind(connection, path, "SELECT object FROM pytype", objKind, ObjKind.Type);
        MarkKind(connection, path, "SELECT object FROM function", objKind, ObjKind.Function);
        MarkKind(connection, path, "SELECT object FROM pycode", objKind, ObjKind.Code);
        var frames = MarkKind(connection, path, "SELECT object FROM pyframe", objKind, ObjKind.Frame);
        var stackFrames = ReadStackFrames(connection, path, nodeCount);
        progress?.Report(1.0);
        return new DumpContents
        {
            Graph = new HeapGraph(objType, objSize, objKind, edges.Offsets!, edges.Targets!, edges.Kinds!, edges.RowIds!),
            ReferenceRows = edges.Rows,
            DanglingReferences = edges.Dangling,
            Modules = modules,
            StackFrames = stackFrames,
            Frames = frames,
            ObjectsWithClassReference = withClass,
            DictOwners = [.. edges.DictOwners],
            ImmortalRefcount = immortalRefcount,
            ImmortalObjectCount = immortalCount,
            ReferenceHasKind = referenceHasKind,
        };
    }

    private static int ReadNodeCount(SqliteConnection connection, string path)
    {
        using var max = new RawStatement(connection, "SELECT coalesce(max(id), -1) + 1 FROM object", path);
        max.Step();
        var rows = max.Int64(0);
        if (rows > Array.MaxLength)
        {
            throw new ObjexFileException(path, $"too many objects ({rows:N0})");
        }

        return (int)rows;
    }

    private static long? ReadMetaImmortal(SqliteConnection connection)
    {
        if (!SqliteFileProbe.ColumnNames(connection, "meta").Contains("immortal_refcount"))
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT immortal_refcount FROM meta LIMIT 1";
        return command.ExecuteScalar() is long value ? value : null;
    }

    // One column carries what the immortal statistics need: -1 for an object known to be
    // immortal, its refcount when it is a candidate (≥ 1e9, original dumps), else 0.
    private static (int[] Type, long[] Size, long? ImmortalRefcount, long ImmortalCount) ReadObjects(
        SqliteConnection connection, string path, int count, bool hasImmortalColumn, long? metaImmortal)
    {
        var immortal = (hasImmortalColumn, metaImmortal) switch
        {
            (true, _) => "CASE WHEN is_immortal THEN -1 ELSE 0 END",
            (false, { } mark) => $"CASE WHEN refcount = {mark} THEN -1 ELSE 0 END",
            _ => $"CASE WHEN refcount >= {ImmortalCandidateFloor} THEN refcount ELSE 0 END",
        };
        var type = GC.AllocateUninitializedArray<int>(count);
        var size = GC.AllocateUninitializedArray<long>(count);
        var candidates = new Dictionary<long, long>();
        long flaggedImmortal = 0;
        using var scan = new RawStatement(connection, $"SELECT id, pytype, size, {immortal} FROM object ORDER BY id", path);
        var expected = 0;
        while (scan.Step())
        {
            if (scan.Int64(0) != expected)
            {
                throw new ObjexFileException(path, $"object ids are not dense: expected id {expected:N0}, found {scan.Int64(0):N0}");
            }

            var pytype = scan.Int64(1);
            type[expected] = pytype >= 0 && pytype < count ? (int)pytype : -1;
            size[expected] = scan.Int64(2);
            var mark = scan.Int64(3);
            if (mark < 0)
            {
                flaggedImmortal++;
            }
            else if (mark > 0)
            {
                candidates[mark] = candidates.GetValueOrDefault(mark) + 1;
            }

            expected++;
        }

        if (expected != count)
        {
            throw new ObjexFileException(path, $"object ids are not dense: {expected:N0} rows for ids up to {count - 1:N0}");
        }

        if (metaImmortal is not null || hasImmortalColumn)
        {
            return (type, size, metaImmortal, flaggedImmortal);
        }

        long? mode = null;
        long modeCount = 0;
        foreach (var (refcount, objects) in candidates)
        {
            if (objects > modeCount || (objects == modeCount && refcount < mode))
            {
                (mode, modeCount) = (refcount, objects);
            }
        }

        return (type, size, mode, modeCount);
    }

    private static int[] MarkKind(SqliteConnection connection, string path, string sql, byte[] objKind, ObjKind kind)
    {
        var objects = new List<int>();
        using var scan = new RawStatement(connection, sql, path);
        while (scan.Step())
        {
            var id = scan.Int64(0);
            if (id >= 0 && id < objKind.Length)
            {
                objKind[id] = (byte)kind;
                objects.Add((int)id);
            }
        }

        return [.. objects];
    }

    // Each thread's top frame and the frames below it, followed through pyframe.f_back_obj_id
    // (not through references: the original collector records no f_back edges for other threads).
    private static int[] ReadStackFrames(SqliteConnection connection, string path, int nodeCount)
    {
        var back = new Dictionary<int, int>();
        using (var scan = new RawStatement(connection, "SELECT object, f_back_obj_id FROM pyframe", path))
        {
            while (scan.Step())
            {
                var frame = scan.Int64(0);
                if (frame >= 0 && frame < nodeCount && !scan.IsNull(1))
                {
                    back[(int)frame] = scan.Int32(1);
                }
            }
        }

        var stack = new List<int>();
        var seen = new HashSet<int>();
        using var threads = new RawStatement(connection, "SELECT stack_obj_id FROM thread", path);
        while (threads.Step())
        {
            if (threads.IsNull(0))
            {
                continue;
            }

            var frame = threads.Int64(0);
            while (frame >= 0 && frame < nodeCount && seen.Add((int)frame))
            {
                stack.Add((int)frame);
                frame = back.TryGetValue((int)frame, out var next) ? next : -1;
            }
        }

        return [.. stack];
    }

    /// <summary>Reference rows as read (scratch), then, after <see cref="GroupBySource"/>, the CSR arrays.</summary>
    private sealed class EdgeRows
    {
        internal int[] Src = [];
        internal int[] Dst = [];
        internal int[] RowId = [];
        internal byte[] KindAndFlags = [];
        internal int Count;
        internal long Rows;
        internal long Dangling;
        internal List<(int, int)> DictOwners = [];
        internal int[]? Offsets;
        internal int[]? Targets;
        internal byte[]? Kinds;
        internal int[]? RowIds;
    }

    private const int ClassLabelFlag = 4;
    private const int DictLabelFlag = 8;

    private static EdgeRows ReadReferences(
        SqliteConnection connection, string path, bool hasKind, int nodeCount, IProgress<double>? progress, CancellationToken cancel)
    {
        long capacity;
        using (var max = new RawStatement(connection, "SELECT coalesce(max(rowid), 0) FROM reference", path))
        {
            max.Step();
            capacity = max.Int64(0);
        }

        if (capacity > Array.MaxLength)
        {
            throw new ObjexFileException(path, $"too many references ({capacity:N0})");
        }

        // Rows are read into scratch arrays, then scattered into CSR order. The scratch is not
        // rented from ArrayPool on purpose: the shared pool would keep these one-shot arrays
        // (13 B per reference, 520 MB at 40 M references) alive for the rest of the run.
        var rows = new EdgeRows
        {
            Src = GC.AllocateUninitializedArray<int>((int)capacity),
            Dst = GC.AllocateUninitializedArray<int>((int)capacity),
            RowId = GC.AllocateUninitializedArray<int>((int)capacity),
            KindAndFlags = GC.AllocateUninitializedArray<byte>((int)capacity),
        };
        var kindExpression = hasKind
            ? "CASE WHEN kind IN (1, 2) THEN kind ELSE 0 END"
            : "CASE WHEN substr(ref, 1, 10) = '.f_globals' OR substr(ref, 1, 11) = '.f_builtins' THEN 2 ELSE 0 END";
        using var scan = new RawStatement(
            connection,
            $"SELECT rowid, src, dst, {kindExpression} + {ClassLabelFlag} * (ref IN ('.__class__', '__class__')) + {DictLabelFlag} * (ref = '.__dict__') FROM reference",
            path);
        var edges = 0;
        while (scan.Step())
        {
            rows.Rows++;
            var from = scan.Int64(1);
            var to = scan.Int64(2);
            if ((ulong)from >= (ulong)nodeCount || (ulong)to >= (ulong)nodeCount)
            {
                rows.Dangling++;
                continue;
            }

            var rowId = scan.Int64(0);
            if (rowId > int.MaxValue || edges == rows.Src.Length)
            {
                throw new ObjexFileException(path, "reference rowids beyond 2^31 are not supported");
            }

            var flags = (byte)scan.Int64(3);
            rows.Src[edges] = (int)from;
            rows.Dst[edges] = (int)to;
            rows.RowId[edges] = (int)rowId;
            rows.KindAndFlags[edges] = flags;
            if ((flags & DictLabelFlag) != 0)
            {
                rows.DictOwners.Add(((int)from, (int)to));
            }

            edges++;
            if ((edges & 0xFFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Report(0.9 * edges / Math.Max(1, capacity));
            }
        }

        rows.Count = edges;
        return rows;
    }

    // Counting sort by source (stable): out-degrees, prefix sums, one scatter pass. Also finds
    // the objects that already have a `.__class__` reference to their own type.
    private static int[] GroupBySource(EdgeRows rows, int[] objType)
    {
        try
        {
            var nodeCount = objType.Length;
            var edges = rows.Count;
            var offsets = new int[nodeCount + 1];
            for (var i = 0; i < edges; i++)
            {
                offsets[rows.Src[i] + 1]++;
            }

            for (var i = 0; i < nodeCount; i++)
            {
                offsets[i + 1] += offsets[i];
            }

            var next = GC.AllocateUninitializedArray<int>(nodeCount);
            offsets.AsSpan(0, nodeCount).CopyTo(next);
            var targets = GC.AllocateUninitializedArray<int>(edges);
            var kinds = GC.AllocateUninitializedArray<byte>(edges);
            var rowIds = GC.AllocateUninitializedArray<int>(edges);
            var withClass = new List<int>();
            for (var i = 0; i < edges; i++)
            {
                var src = rows.Src[i];
                var slot = next[src]++;
                var flags = rows.KindAndFlags[i];
                targets[slot] = rows.Dst[i];
                kinds[slot] = (byte)(flags & 3);
                rowIds[slot] = rows.RowId[i];
                if ((flags & ClassLabelFlag) != 0 && objType[src] == rows.Dst[i])
                {
                    withClass.Add(src);
                }
            }

            rows.Offsets = offsets;
            rows.Targets = targets;
            rows.Kinds = kinds;
            rows.RowIds = rowIds;
            return [.. withClass];
        }
        finally
        {
            rows.Src = rows.Dst = rows.RowId = [];
            rows.KindAndFlags = [];

            // One deliberate full collection returns the scratch before the graph algorithms
            // allocate theirs, which is what keeps peak RSS at 10 M objects under budget.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }
}
