using Objex.Dump;
using Objex.Query;
using Objex.Snapshot;
using Parquet.Schema;

namespace Objex.Export;

/// <summary>
/// <c>references.parquet</c>: one row per graph edge (dangling references and the analysis's added <c>.__class__</c>
/// rows left out), in the dump's order, from one scan of <c>reference</c>: its label as recorded, the dict key's id
/// for a dict entry (<c>@&lt;key id&gt;</c>), and its kind.
/// </summary>
internal static class ParquetReferences
{
    private static readonly string[] s_kindNames = ["strong", "weak", "namespace"];

    internal static async Task WriteAsync(HeapSnapshot snapshot, string path, CancellationToken cancel)
    {
        var edgeOfRow = DevToolsEdgeNames.EdgesByRowId(snapshot);
        await using var file = await ParquetColumns.CreateAsync(
            path,
            [
                new DataField<int>("src"), new DataField<int>("dst"), new DataField<string>("label", nullable: false),
                new DataField<int?>("key"), new DataField<string>("kind", nullable: false),
            ],
            cancel);
        var rows = Math.Min(ParquetColumns.RowGroupRows, Math.Max(snapshot.EdgeCount, 1));
        var sources = new int[rows];
        var targets = new int[rows];
        var labels = new string?[rows];
        var keys = new int?[rows];
        var kinds = new string?[rows];
        using var scan = new RawStatement(snapshot.Connection, "SELECT rowid, ref FROM reference WHERE rowid < ?1 ORDER BY rowid", snapshot.Path);
        scan.Bind(1, edgeOfRow.Length);
        var more = scan.Step();
        while (more)
        {
            cancel.ThrowIfCancellationRequested();
            var count = 0;
            for (; count < rows && more; more = scan.Step())
            {
                var edge = (EdgeId)edgeOfRow[scan.Int64(0)];
                if ((int)edge < 0)
                {
                    continue;
                }

                var label = scan.Text(1);
                var key = EdgeText.DictKey(label);
                sources[count] = (int)snapshot.EdgeSource(edge);
                targets[count] = (int)snapshot.EdgeTarget(edge);
                labels[count] = label;
                keys[count] = key == ObjId.None ? null : (int)key;
                kinds[count] = s_kindNames[(int)snapshot.KindOf(edge)];
                count++;
            }

            file.BeginRowGroup();
            await file.WriteAsync(sources, count, cancel);
            await file.WriteAsync(targets, count, cancel);
            await file.WriteAsync(labels, count);
            await file.WriteAsync(keys, count, cancel);
            await file.WriteAsync(kinds, count);
        }
    }
}
