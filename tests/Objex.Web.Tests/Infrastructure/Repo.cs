namespace Objex.Web.Tests.Infrastructure;

/// <summary>Paths of the repository the tests run in, and the interpreter they use.</summary>
internal static class Repo
{
    /// <summary>The directory holding objex.slnx, found upward from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The `objex` CLI built beside the tests (a project reference copies it here).</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "objex.dll");

    /// <summary>A test target program shipped with these tests.</summary>
    public static string Target(string name) => Path.Combine(Root, "tests", "Objex.Web.Tests", "Targets", name);

    /// <summary>
    /// A CPython for making dumps: pyenv's 3.12 when present (the project's machines have it), else
    /// python3 on PATH.
    /// </summary>
    public static string Python()
    {
        var pyenv = Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(pyenv, "versions");
        if (Directory.Exists(versions))
        {
            foreach (var dir in Directory.GetDirectories(versions, "3.12*"))
            {
                var python = Path.Combine(dir, "bin", "python");
                if (File.Exists(python))
                {
                    return python;
                }
            }
        }

        return "python3";
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "objex.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no objex.slnx above {AppContext.BaseDirectory}");
    }
}
