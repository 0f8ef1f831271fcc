using Objex.Dump;
using Objex.Query;
using Objex.Snapshot;
using Parquet.Schema;

namespace Objex.Export;

/// <summary>
/// An analysis as four Parquet files in a folder (docs/export.md lists their columns): <c>objects.parquet</c>,
/// <c>references.parquet</c>, <c>types.parquet</c> and <c>meta.parquet</c>, for DuckDB, Spark or pandas. The big
/// two are written a row group (2^18 rows) at a time from one sequential scan of their SQLite table each, plus
/// the graph arrays: memory beyond the arrays is one row group's columns.
/// </summary>
public static class ParquetExport
{
    /// <summary>The files' layout version (<c>meta.parquet</c>'s <c>export_format_version</c>); bumped when a column changes.</summary>
    public const int FormatVersion = 1;

    /// <summary>The files written, in the order they are written.</summary>
    public static readonly string[] Files = ["objects.parquet", "references.parquet", "types.parquet", "meta.parquet"];

    /// <summary>Writes the four files into <paramref name="folder"/> (which exists).</summary>
    public static async Task WriteAsync(HeapSnapshot snapshot, string folder, CancellationToken cancel = default)
    {
        var labeler = new Labeler(snapshot);
        await ParquetObjects.WriteAsync(snapshot, labeler, Path.Combine(folder, Files[0]), cancel);
        await ParquetReferences.WriteAsync(snapshot, Path.Combine(folder, Files[1]), cancel);
        await WriteTypesAsync(snapshot, labeler, Path.Combine(folder, Files[2]), cancel);
        await WriteMetaAsync(snapshot, Path.Combine(folder, Files[3]), cancel);
    }

    private static async Task WriteTypesAsync(HeapSnapshot snapshot, Labeler labeler, string path, CancellationToken cancel)
    {
        var totals = snapshot.TypeTotals();
        await using var file = await ParquetColumns.CreateAsync(
            path,
            [
                new DataField<int>("type_id"), new DataField<string>("type", nullable: false), new DataField<long>("instance_count"),
                new DataField<long>("shallow_bytes"), new DataField<long>("retained_bytes"),
            ],
            cancel);
        file.BeginRowGroup();
        await file.WriteAsync(totals.Select(t => (int)t.Type).ToArray(), totals.Count, cancel);
        await file.WriteAsync([.. totals.Select(t => labeler.QualifiedTypeName(t.Type))], totals.Count);
        await file.WriteAsync(totals.Select(t => t.InstanceCount).ToArray(), totals.Count, cancel);
        await file.WriteAsync(totals.Select(t => t.ShallowBytes).ToArray(), totals.Count, cancel);
        await file.WriteAsync(totals.Select(t => t.RetainedBytes).ToArray(), totals.Count, cancel);
    }

    private static async Task WriteMetaAsync(HeapSnapshot snapshot, string path, CancellationToken cancel)
    {
        var meta = snapshot.Meta;
        await using var file = await ParquetColumns.CreateAsync(
            path,
            [
                new DataField<string>("source_dump", nullable: false), new DataField<string>("host", nullable: false), new DataField<long>("pid"),
                new DataField<string>("time", nullable: false), new DataField<string>("python_version", nullable: true),
                new DataField<long?>("rss_bytes"), new DataField<long?>("peak_rss_bytes"), new DataField<long>("object_count"),
                new DataField<long>("reference_count"), new DataField<long>("edge_count"), new DataField<long>("total_shallow_bytes"),
                new DataField<long>("retained_by_modules"), new DataField<long>("retained_by_thread_stacks"),
                new DataField<long>("held_from_c_bytes"), new DataField<long>("garbage_bytes"),
                new DataField<int>("analysis_format_version"), new DataField<int>("export_format_version"),
            ],
            cancel);
        file.BeginRowGroup();
        await file.WriteAsync([meta.SourceDumpFile], 1);
        await file.WriteAsync([meta.Hostname], 1);
        await file.WriteAsync(new[] { meta.Pid }, 1, cancel);
        await file.WriteAsync([meta.Timestamp], 1);
        await file.WriteAsync([meta.PythonVersion], 1);
        await file.WriteAsync(new[] { meta.RssBytes }, 1, cancel);
        await file.WriteAsync(new[] { meta.PeakRssBytes }, 1, cancel);
        await file.WriteAsync(new[] { (long)snapshot.ObjectCount }, 1, cancel);
        await file.WriteAsync(new[] { meta.ReferenceCount }, 1, cancel);
        await file.WriteAsync(new[] { (long)snapshot.EdgeCount }, 1, cancel);
        await file.WriteAsync(new[] { meta.TotalShallowBytes }, 1, cancel);
        foreach (var bucket in new[] { ObjId.ModulesRoot, ObjId.ThreadStacksRoot, ObjId.HeldFromCRoot, ObjId.UnreachableRoot })
        {
            await file.WriteAsync(new[] { snapshot.RetainedSize(bucket) }, 1, cancel);
        }

        await file.WriteAsync(new[] { ObjexVersion.AnalysisFormat }, 1, cancel);
        await file.WriteAsync(new[] { FormatVersion }, 1, cancel);
    }

    /// <summary>The object table's optional columns (the original's dumps lack some): the column, or NULL.</summary>
    internal static string Optional(HeapSnapshot snapshot, string column) =>
        SqliteFileProbe.ColumnNames(snapshot.Connection, "object").Contains(column) ? column : "NULL";
}
