using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Objex.Snapshot;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>make-analysis-db on the dump the original objex collector wrote for small_target.py, end to end through the CLI.</summary>
public sealed class OriginalFixtureTests
{
    [FixtureFact]
    public void Should_add_what_the_original_analysis_adds()
    {
        using var scratch = Fixtures.Scratch();
        var output = scratch.File("analysis.db");

        var result = ObjexProcess.Run("make-analysis-db", Fixtures.OriginalDump!, output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.StartsWith($"wrote {output}: 38,518 objects, 79,609 references", result.Stdout, StringComparison.Ordinal);

        // The facts the fixture's README measured with the original tools.
        Assert.Equal(118_127L, Scalar(output, "SELECT count(*) FROM reference"));
        Assert.Equal(1_000_000_001L, Scalar(output, "SELECT immortal_refcount FROM meta"));
        Assert.Equal(852L, Scalar(output, "SELECT immortal_object_count FROM meta"));
        Assert.Equal(Scalar(output, "SELECT sum(size) FROM object"), Scalar(output, "SELECT sum(attributed_size) FROM object_attributed_size"));
        Assert.Equal(38_518L, Scalar(output, "SELECT count(*) FROM object_attributed_size"));
    }

    [FixtureFact]
    public void Should_leave_the_input_byte_for_byte_unchanged()
    {
        var dump = Fixtures.OriginalDump!;
        var before = (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(dump))), File.GetLastWriteTimeUtc(dump));
        using var scratch = Fixtures.Scratch();

        Assert.Equal(0, ObjexProcess.Run("make-analysis-db", dump, scratch.File("analysis.db")).ExitCode);

        Assert.Equal(before, (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(dump))), File.GetLastWriteTimeUtc(dump)));
        Assert.False(File.Exists(dump + "-wal") || File.Exists(dump + "-shm") || File.Exists(dump + "-journal"));
    }

    [FixtureFact]
    public void Should_find_the_orders_the_target_program_holds()
    {
        using var scratch = Fixtures.Scratch();
        var output = scratch.File("analysis.db");
        Assert.Equal(0, ObjexProcess.Run("make-analysis-db", Fixtures.OriginalDump!, output).ExitCode);
        using var snapshot = HeapSnapshot.Open(output);

        // small_target.py makes 200 Orders in ORDERS, 50 in QUEUE, 20 in closures, 1 `held` in a worker frame.
        var orderType = (ObjId)Scalar(output, "SELECT object FROM pytype WHERE name = 'Order'");
        var orders = Enumerable.Range(0, snapshot.ObjectCount).Select(i => (ObjId)i).Where(o => snapshot.TypeOf(o) == orderType).ToList();
        Assert.Equal(271, orders.Count);
        Assert.Equal(270, orders.Count(o => snapshot.ModuleTree.IsReachable(o)));

        // The original collector records no locals for other threads, so `held` has no path from
        // a frame (the README's quirk) — nor from a module. The original's refcounts count that
        // collector's own references, so no object has unseen references and none is held from C:
        // `held` sits in the unreachable (garbage) bucket.
        var held = Assert.Single(orders, o => !snapshot.ModuleTree.IsReachable(o));
        Assert.False(snapshot.FrameTree.IsReachable(held));
        Assert.Equal(ObjId.UnreachableRoot, DominatorRoot(snapshot, held));
        Assert.All(Enumerable.Range(0, snapshot.ObjectCount), o => Assert.Equal(0, snapshot.UnseenReferences((ObjId)o)));
        Assert.Equal(0, snapshot.RetainedSize(ObjId.HeldFromCRoot));

        // ORDERS is a module global: its dict retains all 200 Orders (each held only through it).
        var main = snapshot.FindModule("__main__");
        Assert.NotEqual(ObjId.None, main);
        var byDominator = orders.GroupBy(snapshot.ImmediateDominator).OrderByDescending(g => g.Count()).First();
        var ordersDict = byDominator.Key;
        Assert.Equal(200, byDominator.Count());
        Assert.Equal("dict", snapshot.TypeName(snapshot.TypeOf(ordersDict)));
        Assert.True(snapshot.RetainedSize(ordersDict) > byDominator.Sum(snapshot.RetainedSize));
        var path = snapshot.ModuleTree.PathFromRoot(ordersDict);
        Assert.Equal(main, snapshot.ModuleTree.Root(ordersDict));
        Assert.Equal([".ORDERS"], path.Select(snapshot.EdgeLabel));
    }

    private static ObjId DominatorRoot(HeapSnapshot snapshot, ObjId obj)
    {
        while ((int)obj >= 0)
        {
            obj = snapshot.ImmediateDominator(obj);
        }

        return obj;
    }

    internal static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
