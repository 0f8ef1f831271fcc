using System.Runtime.InteropServices;
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
                return ReadObjects(second, path, nodeCount, objectColumns.Contains("is_immortal"), objectColumns.Contains("address"), metaImmortal);
            },
            cancel);
        var edges = ReadReferences(connection, path, referenceHasKind, nodeCount, progress, cancel);
        var (objType, objSize, refcount, address, immortalRefcount, immortalCount, sizes) = objects.GetAwaiter().GetResult();
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
            NonIntegerReferences = edges.NotIntegers,
            UnreadableSizes = sizes.Unreadable,
            CappedSizes = sizes.Capped,
            SizeCap = SizeCap(nodeCount),
            Modules = modules,
            StackFrames = stackFrames,
            Frames = frames,
            ObjectsWithClassReference = withClass,
            DictOwners = MemoryMarshal.Cast<(int, int), (ObjId, ObjId)>(CollectionsMarshal.AsSpan(edges.DictOwners)).ToArray(),
            ImmortalRefcount = immortalRefcount,
            ImmortalObjectCount = immortalCount,
            ReferenceHasKind = referenceHasKind,
            Refcount = refcount,
            Address = address,
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
    // Refcounts are kept only for this project's dumps (those with `is_immortal`): the original
    // collector's count its own references, so refcount minus references found means nothing there.
    /// <summary>
    /// The largest size an object of a dump of <paramref name="count"/> objects is counted with: the sum of every size
    /// (the super-root's retained size, which bounds every other sum) then fits in a long. 9.2 TB per object at a million.
    /// </summary>
    internal static long SizeCap(int count) => long.MaxValue / Math.Max(1, count);

    private static (ObjId[] Type, long[] Size, int[]? Refcount, long[]? Address, long? ImmortalRefcount, long ImmortalCount, (long Unreadable, long Capped) Sizes) ReadObjects(
        SqliteConnection connection, string path, int count, bool hasImmortalColumn, bool hasAddressColumn, long? metaImmortal)
    {
        var immortal = (hasImmortalColumn, metaImmortal) switch
        {
            (true, _) => "CASE WHEN is_immortal THEN -1 ELSE 0 END",
            (false, { } mark) => $"CASE WHEN refcount = {mark} THEN -1 ELSE 0 END",
            _ => $"CASE WHEN refcount >= {ImmortalCandidateFloor} THEN refcount ELSE 0 END",
        };
        var type = GC.AllocateUninitializedArray<ObjId>(count);
        var size = GC.AllocateUninitializedArray<long>(count);
        var refcount = hasImmortalColumn ? GC.AllocateUninitializedArray<int>(count) : null;
        var address = hasAddressColumn ? GC.AllocateUninitializedArray<long>(count) : null;
        var candidates = new Dictionary<long, long>();
        long flaggedImmortal = 0;
        using var scan = new RawStatement(
            connection, $"SELECT id, pytype, size, {immortal}, refcount, {(hasAddressColumn ? "address" : "0")}, typeof(size) = 'integer' FROM object ORDER BY id", path);
        var expected = 0;
        var cap = SizeCap(count);
        long unreadable = 0, capped = 0;
        while (scan.Step())
        {
            if (scan.Int64(0) != expected)
            {
                throw new ObjexFileException(path, $"object ids are not dense: expected id {expected:N0}, found {scan.Int64(0):N0}");
            }

            var pytype = scan.Int64(1);
            type[expected] = pytype >= 0 && pytype < count ? (ObjId)pytype : ObjId.None;
            // A damaged size is counted, never passed on: a negative one would make negative retained sizes, a huge one
            // overflow their sums into negative ones.
            var bytes = scan.Int64(2);
            if (scan.Int64(6) == 0 || bytes < 0)
            {
                unreadable++;
                bytes = 0;
            }
            else if (bytes > cap)
            {
                capped++;
                bytes = cap;
            }

            size[expected] = bytes;
            var mark = scan.Int64(3);
            if (refcount is not null)
            {
                refcount[expected] = mark < 0 ? UnseenReferences.Immortal : (int)Math.Clamp(scan.Int64(4), 0, int.MaxValue);
            }

            if (address is not null)
            {
                address[expected] = scan.Int64(5);
            }

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
            return (type, size, refcount, address, metaImmortal, flaggedImmortal, (unreadable, capped));
        }

        long? mode = null;
        long modeCount = 0;
        foreach (var (candidate, objects) in candidates)
        {
            if (objects > modeCount || (objects == modeCount && candidate < mode))
            {
                (mode, modeCount) = (candidate, objects);
            }
        }

        return (type, size, refcount, address, mode, modeCount, (unreadable, capped));
    }

    private static ObjId[] MarkKind(SqliteConnection connection, string path, string sql, byte[] objKind, ObjKind kind)
    {
        var objects = new List<ObjId>();
        using var scan = new RawStatement(connection, sql, path);
        while (scan.Step())
        {
            var id = scan.Int64(0);
            if (id >= 0 && id < objKind.Length)
            {
                objKind[id] = (byte)kind;
                objects.Add((ObjId)id);
            }
        }

        return [.. objects];
    }

    // Each thread's top frame and the frames below it, followed through pyframe.f_back_obj_id
    // (not through references: the original collector records no f_back edges for other threads).
    private static ObjId[] ReadStackFrames(SqliteConnection connection, string path, int nodeCount)
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

        var stack = new List<ObjId>();
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
                stack.Add((ObjId)frame);
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
        internal byte[] KindAndFlags = [];
        internal long Rows;
        internal long Dangling;
        internal long NotIntegers;
        internal List<(int, int)> DictOwners = [];
        internal int[]? Offsets;
        internal ObjId[]? Targets;
        internal byte[]? Kinds;
        internal int[]? RowIds;
    }

    private const int KindMask = 3; // the low bits of a row's flags: its EdgeKind (refused above EdgeKind.Namespace)
    private const int ClassLabelFlag = 4;
    private const int DictLabelFlag = 8;

    // The reference table is scanned in rowid ranges, one connection per core, each row written
    // at index rowid - 1 so the ranges need no merging and row order is kept; slots of missing
    // rowids and of dangling references keep src = -1 and are skipped when grouping.
    private static EdgeRows ReadReferences(
        SqliteConnection connection, string path, bool hasKind, int nodeCount, IProgress<double>? progress, CancellationToken cancel)
    {
        long capacity;
        using (var max = new RawStatement(connection, "SELECT coalesce(max(rowid), 0), coalesce(min(rowid), 1) FROM reference", path))
        {
            max.Step();
            capacity = max.Int64(0);
            if (max.Int64(1) < 1 || capacity > Array.MaxLength)
            {
                throw new ObjexFileException(path, $"reference rowids outside 1..{Array.MaxLength:N0} are not supported");
            }
        }

        // Scratch arrays, 13 B per reference row. Not rented from ArrayPool on purpose: the
        // shared pool would keep these one-shot arrays (520 MB at 40 M references) for the run.
        var rows = new EdgeRows
        {
            Src = GC.AllocateUninitializedArray<int>((int)capacity),
            Dst = GC.AllocateUninitializedArray<int>((int)capacity),
            KindAndFlags = GC.AllocateUninitializedArray<byte>((int)capacity),
        };
        rows.Src.AsSpan().Fill(-1);
        var kindExpression = hasKind
            ? "kind"
            : OriginalEdgeKind.SqlExpression;
        // The last column: whether both ends are integers. SQLite hands NULL or text as 0, which would make a damaged
        // row a reference from or to object 0.
        var sql = $"SELECT rowid, src, dst, {kindExpression}, {ClassLabelFlag} * (ref IN ('.__class__', '__class__')) + {DictLabelFlag} * (ref = '.__dict__'), " +
            "typeof(src) = 'integer' AND typeof(dst) = 'integer' FROM reference WHERE rowid BETWEEN $low AND $high";
        var parts = (int)Math.Clamp(capacity / 500_000, 1, Environment.ProcessorCount);
        var results = new (long Rows, long Dangling, long NotIntegers, List<(int, int)> DictOwners)[parts];
        try
        {
            Parallel.For(0, parts, new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = parts }, part =>
            {
                var low = 1 + (capacity * part / parts);
                var high = capacity * (part + 1) / parts;
                using var own = new SqliteConnection(connection.ConnectionString);
                own.Open();
                results[part] = ReadReferenceRange(own, path, sql.Replace("$low", low.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("$high", high.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), nodeCount, rows, part == 0 ? progress : null, high - low + 1, cancel);
            });
        }
        catch (AggregateException error) when (error.InnerExceptions.Count > 0 && error.InnerExceptions[0] is ObjexFileException refused)
        {
            throw refused; // one part's refusal is the dump's; the others read the same kind of rows
        }

        foreach (var (count, dangling, notIntegers, owners) in results)
        {
            rows.Rows += count;
            rows.Dangling += dangling;
            rows.NotIntegers += notIntegers;
            rows.DictOwners.AddRange(owners);
        }

        return rows;
    }

    private static (long Rows, long Dangling, long NotIntegers, List<(int, int)> DictOwners) ReadReferenceRange(
        SqliteConnection connection, string path, string sql, int nodeCount, EdgeRows rows, IProgress<double>? progress, long expected, CancellationToken cancel)
    {
        long count = 0, dangling = 0, notIntegers = 0;
        var dictOwners = new List<(int, int)>();
        using var scan = new RawStatement(connection, sql, path);
        var src = rows.Src;
        var dst = rows.Dst;
        var flags = rows.KindAndFlags;
        while (scan.Step())
        {
            count++;
            if (scan.Int64(5) == 0)
            {
                notIntegers++;
                continue;
            }

            var from = scan.Int64(1);
            var to = scan.Int64(2);
            if ((ulong)from >= (ulong)nodeCount || (ulong)to >= (ulong)nodeCount)
            {
                dangling++;
                continue;
            }

            var slot = (int)(scan.Int64(0) - 1);
            var kind = scan.Int64(3);
            if ((ulong)kind > (ulong)EdgeKind.Namespace)
            {
                // A kind this objex does not know may retain differently: reading it as strong would
                // silently change every retained size, so the dump is refused instead.
                throw new ObjexFileException(path, $"reference {scan.Int64(0):N0} has kind {kind}, which this objex does not know (0 strong, 1 weak, 2 namespace)");
            }

            var labelFlags = (int)scan.Int64(4);
            src[slot] = (int)from;
            dst[slot] = (int)to;
            flags[slot] = (byte)(kind | (long)labelFlags);
            if ((labelFlags & DictLabelFlag) != 0)
            {
                dictOwners.Add(((int)from, (int)to));
            }

            if ((count & 0xFFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Report(0.9 * count / Math.Max(1, expected));
            }
        }

        return (count, dangling, notIntegers, dictOwners);
    }

    // Counting sort by source (stable): out-degrees, prefix sums, one scatter pass. Also finds
    // the objects that already have a `.__class__` reference to their own type.
    private static ObjId[] GroupBySource(EdgeRows rows, ObjId[] objType)
    {
        try
        {
            var nodeCount = objType.Length;
            var slots = rows.Src.Length;
            var offsets = new int[nodeCount + 1];
            for (var i = 0; i < slots; i++)
            {
                if (rows.Src[i] >= 0)
                {
                    offsets[rows.Src[i] + 1]++;
                }
            }

            for (var i = 0; i < nodeCount; i++)
            {
                offsets[i + 1] += offsets[i];
            }

            var edges = offsets[nodeCount];
            var next = GC.AllocateUninitializedArray<int>(nodeCount);
            offsets.AsSpan(0, nodeCount).CopyTo(next);
            var typedTargets = GC.AllocateUninitializedArray<ObjId>(edges);
            var targets = MemoryMarshal.Cast<ObjId, int>(typedTargets.AsSpan());
            var kinds = GC.AllocateUninitializedArray<byte>(edges);
            var rowIds = GC.AllocateUninitializedArray<int>(edges);
            var withClass = new List<ObjId>();
            for (var i = 0; i < slots; i++)
            {
                var src = rows.Src[i];
                if (src < 0)
                {
                    continue;
                }

                var slot = next[src]++;
                var flags = rows.KindAndFlags[i];
                targets[slot] = rows.Dst[i];
                kinds[slot] = (byte)(flags & KindMask);
                rowIds[slot] = i + 1;
                if ((flags & ClassLabelFlag) != 0 && (int)objType[src] == rows.Dst[i])
                {
                    withClass.Add((ObjId)src);
                }
            }

            rows.Offsets = offsets;
            rows.Targets = typedTargets;
            rows.Kinds = kinds;
            rows.RowIds = rowIds;
            return [.. withClass];
        }
        finally
        {
            rows.Src = rows.Dst = [];
            rows.KindAndFlags = [];

            // One deliberate full collection returns the scratch before the graph algorithms
            // allocate theirs, which is what keeps peak RSS at 10 M objects under budget.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }
}
