namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>Real CPython interpreters: pyenv's versions on this machine, else `python3` on PATH.</summary>
internal static class PythonInterpreter
{
    /// <summary>The newest interpreter available.</summary>
    internal static string Default => All[^1];

    /// <summary>Every pyenv-installed CPython the collector supports (3.8+), oldest first; `python3` on PATH when there is none.</summary>
    internal static IReadOnlyList<string> All
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
            var versions = Path.Combine(root, "versions");
            var installed = Directory.Exists(versions)
                ? Directory.GetDirectories(versions)
                    .Where(d => Version.TryParse(Path.GetFileName(d), out var v) && v >= new Version(3, 8) && File.Exists(Path.Combine(d, "bin", "python")))
                    .OrderBy(d => Version.Parse(Path.GetFileName(d)))
                    .Select(d => Path.Combine(d, "bin", "python"))
                    .ToList()
                : [];
            return installed.Count > 0 ? installed : ["python3"];
        }
    }

    /// <summary>An interpreter of one version (say 3.7, or 3.14), outside the supported list too: pyenv's, else pythonX.Y on PATH; null when neither exists.</summary>
    internal static string? Find(string majorMinor)
    {
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(root, "versions");
        var pyenv = Directory.Exists(versions)
            ? Directory.GetDirectories(versions, majorMinor + ".*").Select(d => Path.Combine(d, "bin", "python" + majorMinor)).FirstOrDefault(File.Exists)
            : null;
        return pyenv ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "python" + majorMinor)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="script"/> (Python source) with the arguments; fails the test on a non-zero exit.</summary>
    internal static string Run(string script, params string[] arguments)
    {
        var result = ObjexProcess.RunProgram(Default, ["-c", script, .. arguments]);
        Assert.True(result.ExitCode == 0, $"python failed ({result.ExitCode}): {result.Stderr}");
        return result.Stdout;
    }
}
