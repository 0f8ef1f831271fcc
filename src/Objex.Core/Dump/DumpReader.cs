using System.Buffers;
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
        var (objType, objSize, immortalRefcount, immortalCount) = ReadObjects(connection, path, objectColumns.Contains("is_immortal"), ReadMetaImmortal(connection));
        var nodeCount = objType.Length;
        progress?.Report(0.3);
        cancel.ThrowIfCancellationRequested();

        var objKind = new byte[nodeCount];
        var modules = MarkKind(connection, path, "SELECT object FROM module", objKind, ObjKind.Module);
        MarkKind(connection, path, "SELECT object FROM pytype", objKind, ObjKind.Type);
        MarkKind(connection, path, "SELECT object FROM function", objKind, ObjKind.Function);
        MarkKind(connection, path, "SELECT object FROM pycode", objKind, ObjKind.Code);
        var frames = MarkKind(connection, path, "SELECT object FROM pyframe", objKind, ObjKind.Frame);
        var stackFrames = ReadStackFrames(connection, path, nodeCount);

        var edges = ReadReferences(connection, path, referenceHasKind, objType, progress, cancel);
        return new DumpContents
        {
            Graph = new HeapGraph(objType, objSize, objKind, edges.Offsets, edges.Targets, edges.Kinds, edges.RowIds),
            ReferenceRows = edges.Rows,
            DanglingReferences = edges.Dangling,
            Modules = modules,
            StackFrames = stackFrames,
            Frames = frames,
            ObjectsWithClassReference = edges.WithClassReference,
            DictOwners = edges.DictOwners,
            ImmortalRefcount = immortalRefcount,
            ImmortalObjectCount = immortalCount,
            ReferenceHasKind = referenceHasKind,
        };
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

    private static (int[] Type, long[] Size, long? ImmortalRefcount, long ImmortalCount) ReadObjects(
        SqliteConnection connection, string path, bool hasImmortalColumn, long? metaImmortal)
    {
        int count;
        using (var max = new RawStatement(connection, "SELECT coalesce(max(id), -1) + 1 FROM object", path))
        {
            max.Step();
            var rows = max.Int64(0);
            if (rows > Array.MaxLength)
            {
                throw new ObjexFileException(path, $"too many objects ({rows:N0})");
            }

            count = (int)rows;
        }

        var type = GC.AllocateUninitializedArray<int>(count);
        var size = GC.AllocateUninitializedArray<long>(count);
        var candidates = new Dictionary<long, long>();
        long flaggedImmortal = 0;
        var immortalColumn = hasImmortalColumn ? "is_immortal" : "0";
        using var scan = new RawStatement(connection, $"SELECT id, pytype, size, refcount, {immortalColumn} FROM object ORDER BY id", path);
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
            var refcount = scan.Int64(3);
            if (refcount >= ImmortalCandidateFloor && metaImmortal is null)
            {
                candidates[refcount] = candidates.GetValueOrDefault(refcount) + 1;
            }
            else if (metaImmortal == refcount && !hasImmortalColumn)
            {
                flaggedImmortal++;
            }

            flaggedImmortal += scan.Int64(4);
            expected++;
        }

        if (expected != count)
        {
            throw new ObjexFileException(path, $"object ids are not dense: {expected:N0} rows for ids up to {count - 1:N0}");
        }

        if (metaImmortal is not null)
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

    private sealed record EdgeArrays(
        int[] Offsets, int[] Targets, byte[] Kinds, int[] RowIds, long Rows, long Dangling, int[] WithClassReference, (int, int)[] DictOwners);

    private static EdgeArrays ReadReferences(
        SqliteConnection connection, string path, bool hasKind, int[] objType, IProgress<double>? progress, CancellationToken cancel)
    {
        var nodeCount = objType.Length;
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

        // Rows are read into pooled scratch arrays, then scattered into CSR order; the scratch
        // goes back to the pool before the graph algorithms allocate theirs.
        var src = ArrayPool<int>.Shared.Rent((int)capacity);
        var dst = ArrayPool<int>.Shared.Rent((int)capacity);
        var rowIds = ArrayPool<int>.Shared.Rent((int)capacity);
        var kinds = ArrayPool<byte>.Shared.Rent((int)capacity);
        try
        {
            var kindExpression = hasKind
                ? "kind"
                : "CASE WHEN substr(ref, 1, 10) = '.f_globals' OR substr(ref, 1, 11) = '.f_builtins' THEN 2 ELSE 0 END";
            using var scan = new RawStatement(
                connection,
                $"SELECT rowid, src, dst, {kindExpression}, ref IN ('.__class__', '__class__') + 2 * (ref = '.__dict__') FROM reference",
                path);
            var withClass = new List<int>();
            var dictOwners = new List<(int, int)>();
            long rows = 0, dangling = 0;
            var edges = 0;
            var outDegree = new int[nodeCount + 1];
            while (scan.Step())
            {
                rows++;
                var from = scan.Int64(1);
                var to = scan.Int64(2);
                if ((ulong)from >= (ulong)nodeCount || (ulong)to >= (ulong)nodeCount)
                {
                    dangling++;
                    continue;
                }

                var rowId = scan.Int64(0);
                if (rowId > int.MaxValue || edges == src.Length)
                {
                    throw new ObjexFileException(path, "reference rowids beyond 2^31 are not supported");
                }

                var kind = scan.Int64(3);
                src[edges] = (int)from;
                dst[edges] = (int)to;
                rowIds[edges] = (int)rowId;
                kinds[edges] = kind is 1 or 2 ? (byte)kind : (byte)0;
                outDegree[from + 1]++;
                var labelFlags = scan.Int32(4);
                if ((labelFlags & 1) != 0 && objType[from] == to)
                {
                    withClass.Add((int)from);
                }
                else if ((labelFlags & 2) != 0)
                {
                    dictOwners.Add(((int)from, (int)to));
                }

                edges++;
                if ((edges & 0xFFFFF) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    progress?.Report(0.3 + (0.6 * edges / Math.Max(1, capacity)));
                }
            }

            // Counting sort by source (stable): prefix sums, then one scatter pass.
            for (var i = 0; i < nodeCount; i++)
            {
                outDegree[i + 1] += outDegree[i];
            }

            var offsets = outDegree;
            var next = GC.AllocateUninitializedArray<int>(nodeCount);
            offsets.AsSpan(0, nodeCount).CopyTo(next);
            var targets = GC.AllocateUninitializedArray<int>(edges);
            var edgeKinds = GC.AllocateUninitializedArray<byte>(edges);
            var edgeRowIds = GC.AllocateUninitializedArray<int>(edges);
            for (var i = 0; i < edges; i++)
            {
                var slot = next[src[i]]++;
                targets[slot] = dst[i];
                edgeKinds[slot] = kinds[i];
                edgeRowIds[slot] = rowIds[i];
            }

            progress?.Report(1.0);
            return new EdgeArrays(offsets, targets, edgeKinds, edgeRowIds, rows, dangling, [.. withClass], [.. dictOwners]);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(src);
            ArrayPool<int>.Shared.Return(dst);
            ArrayPool<int>.Shared.Return(rowIds);
            ArrayPool<byte>.Shared.Return(kinds);
        }
    }
}
