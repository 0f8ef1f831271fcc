namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>Real CPython interpreters: pyenv's versions on this machine, else `python3` on PATH.</summary>
internal static class PythonInterpreter
{
    /// <summary>The newest interpreter available.</summary>
    internal static string Default
    {
        get
        {
            var pyenv = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions");
            var installed = Directory.Exists(pyenv)
                ? Directory.GetDirectories(pyenv).Select(d => Path.Combine(d, "bin", "python")).Where(File.Exists).OrderBy(p => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : new Version()).ToList()
                : [];
            return installed.Count > 0 ? installed[^1] : "python3";
        }
    }

    /// <summary>Runs <paramref name="script"/> (Python source) with the arguments; fails the test on a non-zero exit.</summary>
    internal static string Run(string script, params string[] arguments)
    {
        var result = ObjexProcess.RunProgram(Default, ["-c", script, .. arguments]);
        Assert.True(result.ExitCode == 0, $"python failed ({result.ExitCode}): {result.Stderr}");
        return result.Stdout;
    }
}
