using System.Diagnostics;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>Runs the real `objex` binary built next to the tests, as a user would, with stdout and stderr captured (so stderr is a pipe, not a terminal).</summary>
internal static class ObjexProcess
{
    internal sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        internal string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    internal static Result Run(params string[] arguments) => RunProgram("dotnet", [Path.Combine(AppContext.BaseDirectory, "objex.dll"), .. arguments]);

    /// <summary>Runs any program to completion with its output captured.</summary>
    internal static Result RunProgram(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr);
    }
}
