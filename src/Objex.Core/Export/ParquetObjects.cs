using Objex.Dump;
using Objex.Query;
using Objex.Snapshot;
using Parquet.Schema;

namespace Objex.Export;

/// <summary>
/// <c>objects.parquet</c>: one row per object, in id order, from one scan of the <c>object</c> table (address,
/// refcount, len, value) joined by id with the graph arrays (type, sizes, nearest root, dominator).
/// </summary>
internal static class ParquetObjects
{
    internal static async Task WriteAsync(HeapSnapshot snapshot, Labeler labeler, string path, CancellationToken cancel)
    {
        var dominators = new DominatorIntervals(snapshot);
        var typeNames = new Dictionary<int, string>();
        await using var file = await ParquetColumns.CreateAsync(
            path,
            [
                new DataField<int>("id"), new DataField<long?>("address"), new DataField<int>("type_id"), new DataField<string>("type", nullable: false),
                new DataField<long>("shallow_size"), new DataField<long>("retained_size"), new DataField<long>("refcount"), new DataField<long?>("len"),
                new DataField<string>("value", nullable: true), new DataField<string>("root_kind", nullable: false), new DataField<int?>("root_depth"),
                new DataField<int?>("dominator"),
            ],
            cancel);
        var rows = Math.Min(ParquetColumns.RowGroupRows, Math.Max(snapshot.ObjectCount, 1));
        var ids = new int[rows];
        var addresses = new long?[rows];
        var typeIds = new int[rows];
        var types = new string[rows];
        var shallow = new long[rows];
        var retained = new long[rows];
        var refcounts = new long[rows];
        var lens = new long?[rows];
        var values = new string?[rows];
        var rootKinds = new string[rows];
        var rootDepths = new int?[rows];
        var dominatorIds = new int?[rows];
        using var scan = new RawStatement(
            snapshot.Connection,
            $"SELECT id, {ParquetExport.Optional(snapshot, "address")}, refcount, len, {ParquetExport.Optional(snapshot, "value")} FROM object ORDER BY id",
            snapshot.Path);
        var more = scan.Step();
        while (more)
        {
            cancel.ThrowIfCancellationRequested();
            var count = 0;
            for (; count < rows && more; more = scan.Step())
            {
                var id = scan.Int32(0);
                if (!snapshot.IsObject((ObjId)id))
                {
                    continue;
                }

                var obj = (ObjId)id;
                var type = snapshot.TypeOf(obj);
                if (!typeNames.TryGetValue((int)type, out var typeName))
                {
                    typeName = labeler.QualifiedTypeName(type);
                    typeNames.Add((int)type, typeName);
                }

                ids[count] = id;
                addresses[count] = scan.IsNull(1) ? null : scan.Int64(1);
                typeIds[count] = (int)type;
                types[count] = typeName;
                shallow[count] = snapshot.ShallowSize(obj);
                retained[count] = snapshot.RetainedSize(obj);
                refcounts[count] = scan.Int64(2);
                lens[count] = scan.IsNull(3) ? null : scan.Int64(3);
                values[count] = scan.IsNull(4) ? null : scan.Text(4);
                (rootKinds[count], rootDepths[count]) = NearestRoot(snapshot, dominators, obj);
                var dominator = snapshot.ImmediateDominator(obj);
                dominatorIds[count] = (int)dominator >= 0 ? (int)dominator : null;
                count++;
            }

            file.BeginRowGroup();
            await file.WriteAsync(ids, count, cancel);
            await file.WriteAsync(addresses, count, cancel);
            await file.WriteAsync(typeIds, count, cancel);
            await file.WriteAsync(types, count);
            await file.WriteAsync(shallow, count, cancel);
            await file.WriteAsync(retained, count, cancel);
            await file.WriteAsync(refcounts, count, cancel);
            await file.WriteAsync(lens, count, cancel);
            await file.WriteAsync(values, count);
            await file.WriteAsync(rootKinds, count);
            await file.WriteAsync(rootDepths, count, cancel);
            await file.WriteAsync(dominatorIds, count, cancel);
        }
    }

    /// <summary>
    /// The kind of root nearest the object and the references from it: <c>module</c> or <c>thread stack</c>
    /// (the module one on a tie, as the REPL's first path), else the bucket that keeps it: <c>held from C</c>
    /// or <c>garbage</c>, with no depth.
    /// </summary>
    private static (string Kind, int? Depth) NearestRoot(HeapSnapshot snapshot, DominatorIntervals dominators, ObjId obj)
    {
        var module = snapshot.ModuleTree.Distance(obj);
        var frame = snapshot.FrameTree.Distance(obj);
        if (module >= 0 && (frame < 0 || module <= frame))
        {
            return ("module", module);
        }

        if (frame >= 0)
        {
            return ("thread stack", frame);
        }

        return (dominators.Dominates(ObjId.HeldFromCRoot, obj) ? "held from C" : "garbage", null);
    }
}
