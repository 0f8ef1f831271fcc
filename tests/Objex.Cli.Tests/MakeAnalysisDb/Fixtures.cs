namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>The original collector's dump (../shared/fixtures beside the clone) and scratch directories.</summary>
internal static class Fixtures
{
    /// <summary>Path of small-dump.db, or null when ../shared is not beside the repository.</summary>
    internal static string? OriginalDump
    {
        get
        {
            var path = Path.Combine(RepositoryRoot, "..", "shared", "fixtures", "original-objex", "small-dump.db");
            return File.Exists(path) ? Path.GetFullPath(path) : null;
        }
    }

    internal const string MissingFixture =
        "the original collector's fixture ../shared/fixtures/original-objex/small-dump.db is not beside this clone";

    internal static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "objex.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("objex.slnx not found above the test binaries");
        }
    }

    /// <summary>A fresh empty directory, deleted when disposed.</summary>
    internal static ScratchDirectory Scratch() => new();

    internal sealed class ScratchDirectory : IDisposable
    {
        internal ScratchDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "objex-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        internal string Path { get; }

        internal string File(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>Names of the files in the directory (to prove nothing was left behind).</summary>
        internal string[] Files() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order().ToArray()!;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
