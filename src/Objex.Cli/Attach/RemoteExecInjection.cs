using System.Globalization;

namespace Objex.Cli.Attach;

/// <summary>
/// CPython 3.14's own way in (PEP 768): <c>sys.remote_exec(pid, script)</c>, called from an interpreter of the
/// target's version, writes the script's path into the target's memory, and the target's main thread runs it at
/// its next safe point (where it would run a signal handler), with the GIL. No debugger stops the process and no
/// gdb is needed; the target may refuse (<c>PYTHON_DISABLE_REMOTE_DEBUG</c>, <c>-X disable_remote_debug</c>, a build
/// without it) and the kernel may (ptrace rules apply to the memory write).
/// </summary>
internal static class RemoteExecInjection
{
    private const string Caller = "import sys; sys.remote_exec(int(sys.argv[1]), sys.argv[2])";

    /// <summary>Hands <paramref name="script"/> (a file the target can read) to <paramref name="target"/>; returns once it is queued.</summary>
    internal static void QueueScript(TargetProcess target, string script, TimeSpan timeout)
    {
        var python = CallerFor(target);
        var output = HelperProcess.Run(python, ["-I", "-S", "-c", Caller, target.Pid.ToString(CultureInfo.InvariantCulture), script], timeout,
            $"cannot run {python} to reach process {target.Pid} with sys.remote_exec",
            $"sys.remote_exec did not reach process {target.Pid} within {timeout.TotalSeconds:0} s");
        if (output.ExitCode == 0)
        {
            return;
        }

        var last = output.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
        if (last.StartsWith("PermissionError", StringComparison.Ordinal) || last.Contains("Operation not permitted", StringComparison.Ordinal))
        {
            throw new AttachException(DebuggerInjection.NotPermitted(target));
        }

        if (last.Contains("remote debugging", StringComparison.OrdinalIgnoreCase))
        {
            throw new AttachException($"process {target.Pid} does not allow sys.remote_exec ({last}): it was started with " +
                                      "PYTHON_DISABLE_REMOTE_DEBUG or -X disable_remote_debug, or built without remote debugging");
        }

        throw new AttachException($"sys.remote_exec could not make process {target.Pid} run the collector: {last}");
    }

    /// <summary>
    /// An interpreter of the target's version to call <c>sys.remote_exec</c> from: the target's own executable when
    /// it is a python (seen through /proc, so one in a container's filesystem works too), else pythonX.Y on PATH.
    /// </summary>
    private static string CallerFor(TargetProcess target)
    {
        if (Path.GetFileName(target.Executable).StartsWith("python", StringComparison.Ordinal) && File.Exists($"/proc/{target.Pid}/exe"))
        {
            return $"/proc/{target.Pid}/exe";
        }

        return $"python{target.PythonVersion!.Major}.{target.PythonVersion.Minor}";
    }
}
