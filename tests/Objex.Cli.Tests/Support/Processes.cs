using System.Diagnostics;

namespace Objex.Cli.Tests.Support;

/// <summary>Runs real processes (the objex CLI, Python) with redirected streams and a generous timeout.</summary>
internal static class Processes
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs the objex CLI (<c>dotnet objex.dll …</c>) with colour off unless the caller sets NO_COLOR itself.</summary>
    internal static ProcessResult Objex(IEnumerable<string> args, string? stdin = null, IDictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?> { ["OBJEX_HISTORY"] = Path.Combine(Path.GetTempPath(), "objex-test-history") };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return Run("dotnet", [RepoPaths.CliDll, .. args], stdin, env);
    }

    internal static Process StartObjex(IEnumerable<string> args)
    {
        var info = Info("dotnet", [RepoPaths.CliDll, .. args], new Dictionary<string, string?>());
        info.RedirectStandardInput = true;
        return Process.Start(info)!;
    }

    internal static ProcessResult Run(string fileName, IEnumerable<string> args, string? stdin = null, IDictionary<string, string?>? environment = null)
    {
        var info = Info(fileName, args, environment ?? new Dictionary<string, string?>());
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo Info(string fileName, IEnumerable<string> args, IDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }
}
