namespace Objex.Cli.Tests.Support;

/// <summary>Where things are: the repository root (found by objex.slnx above the test binaries) and its parts.</summary>
internal static class RepoPaths
{
    internal static string Root { get; } = FindRoot();

    /// <summary>The CLI under test, built beside the test assembly.</summary>
    internal static string CliDll => Path.Combine(AppContext.BaseDirectory, "objex.dll");

    internal static string PythonPackageDir => Path.Combine(Root, "python");

    internal static string TargetsDir => Path.Combine(Root, "tests", "Objex.Cli.Tests", "Targets");

    internal static string ExpectedDir => Path.Combine(Root, "tests", "Objex.Cli.Tests", "Expected");

    /// <summary>The original objex collector's dump (shared/, beside the clone); may be absent.</summary>
    internal static string OriginalFixture => Path.Combine(Root, "..", "shared", "fixtures", "original-objex", "small-dump.db");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "objex.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("objex.slnx not found above " + AppContext.BaseDirectory);
    }
}
