using System.ComponentModel;
using System.Diagnostics;

namespace Objex.Cli.Attach;

/// <summary>A program `attach` runs to reach the target (gdb, or the target's own interpreter for <c>sys.remote_exec</c>), with a time bound.</summary>
internal static class HelperProcess
{
    /// <summary>What the program printed, once it ended.</summary>
    internal readonly record struct Output(int ExitCode, string Stdout, string Stderr)
    {
        internal string Both => Stdout + "\n" + Stderr;
    }

    /// <summary>
    /// Runs <paramref name="program"/> to its end; an <see cref="AttachException"/> with <paramref name="whenMissing"/>
    /// when it cannot be started, or with <paramref name="whenLate"/> when it is still running after <paramref name="timeout"/>.
    /// </summary>
    internal static Output Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string whenMissing, string whenLate)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception)
        {
            throw new AttachException(whenMissing);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new AttachException(whenLate);
            }

            process.WaitForExit();
            return new Output(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
