using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Objex.Cli.Attach;

/// <summary>
/// Makes a running CPython process run one line of Python, with gdb (as memray and pyrasite do; PEP 768's
/// <c>sys.remote_exec</c> is 3.14's). gdb stops the process, calls <c>Py_AddPendingCall(PyRun_SimpleString, line)</c>
/// and detaches; the interpreter's main thread runs the line at its next bytecode, with the GIL and in a
/// consistent state (calling <c>PyRun_SimpleString</c> from the stopped thread directly could run Python in the
/// middle of the allocator). The process is stopped only while gdb is attached: its whole run is the bound
/// reported.
/// </summary>
internal static class DebuggerInjection
{
    /// <summary>Queues <paramref name="pythonLine"/> in <paramref name="target"/>; returns how long gdb ran (the process was stopped for at most that).</summary>
    internal static TimeSpan QueuePythonCall(TargetProcess target, string pythonLine, TimeSpan timeout)
    {
        var call = $"call (int) Py_AddPendingCall((int (*)(void *)) PyRun_SimpleString, \"{EscapeForGdb(pythonLine)}\")";
        var info = new ProcessStartInfo("gdb")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-p", target.Pid.ToString(), "-batch", "-nx", "-q",
                     "-iex", "set auto-load off", "-iex", "set debuginfod enabled off", "-ex", call })
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        Process gdb;
        try
        {
            gdb = Process.Start(info)!;
        }
        catch (Win32Exception)
        {
            throw new AttachException("attach needs gdb on PATH to reach a running process (Debian: apt-get install gdb)");
        }

        using (gdb)
        {
            gdb.StandardInput.Close();
            var stdout = gdb.StandardOutput.ReadToEndAsync();
            var stderr = gdb.StandardError.ReadToEndAsync();
            if (!gdb.WaitForExit(timeout))
            {
                gdb.Kill(entireProcessTree: true);
                throw new AttachException($"gdb did not attach to process {target.Pid} within {timeout.TotalSeconds:0} s");
            }

            var output = stdout.Result + "\n" + stderr.Result;
            var result = ResultOf(output);
            if (result == "0")
            {
                return clock.Elapsed;
            }

            throw new AttachException(Explain(target, output, result));
        }
    }

    /// <summary>The value gdb printed for the call (<c>$1 = 0</c>), or null.</summary>
    private static string? ResultOf(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("$1 = ", StringComparison.Ordinal))
            {
                return line[5..].Trim();
            }
        }

        return null;
    }

    private static string Explain(TargetProcess target, string output, string? result)
    {
        if (result is not null)
        {
            return $"process {target.Pid} refused the call (Py_AddPendingCall returned {result}: its queue of pending calls is full); try again";
        }

        if (output.Contains("ptrace: Operation not permitted", StringComparison.Ordinal))
        {
            return $"not allowed to attach a debugger to process {target.Pid}: run objex as its user or as root, " +
                   "and check /proc/sys/kernel/yama/ptrace_scope (1 allows only parents; 0 allows the same user)";
        }

        if (output.Contains("No symbol", StringComparison.Ordinal))
        {
            return $"process {target.Pid} ({target.Executable}) exports no Python C API that gdb can call (a stripped static interpreter?)";
        }

        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
        return $"gdb could not make process {target.Pid} run the collector: {last}";
    }

    /// <summary>A C string literal's body for gdb: backslashes and quotes escaped, one line.</summary>
    private static string EscapeForGdb(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
