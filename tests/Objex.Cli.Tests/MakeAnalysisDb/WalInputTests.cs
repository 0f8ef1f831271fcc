using System.Security.Cryptography;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>A dump with a WAL file beside it (its writer died before checkpointing): read, never changed.</summary>
public sealed class WalInputTests
{
    // Python commits a change into the WAL, then exits without closing, so the WAL keeps it.
    private const string LeaveWal = """
        import os, sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("UPDATE meta SET hostname = 'host-in-the-wal'")
        c.commit()
        os._exit(0)
        """;

    [FixtureFact]
    public void Should_read_the_committed_wal_without_changing_the_dump_or_its_wal()
    {
        using var scratch = Fixtures.Scratch();
        var dump = scratch.File("dump.db");
        File.Copy(Fixtures.OriginalDump!, dump);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dump, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        PythonInterpreter.Run(LeaveWal, dump);
        Assert.True(new FileInfo(dump + "-wal").Length > 0, "the WAL should hold the uncheckpointed change");
        var before = Fingerprint(scratch);
        var output = scratch.File("analysis.db");

        var result = ObjexProcess.Run("make-analysis-db", dump, output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(before, Fingerprint(scratch).Where(f => f.Name != "analysis.db").ToList());
        Assert.Equal("host-in-the-wal", PythonInterpreter.Run("import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT hostname FROM meta').fetchone()[0])", output).Trim());
    }

    private static List<(string Name, string Hash, DateTime Modified)> Fingerprint(Fixtures.ScratchDirectory scratch) =>
        scratch.Files()
            .Select(name => (name, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(scratch.File(name)))), File.GetLastWriteTimeUtc(scratch.File(name))))
            .ToList();
}
