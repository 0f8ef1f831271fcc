using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Objex.Cli.Attach;

/// <summary>
/// Makes a running CPython process run one line of Python, with gdb (as memray and pyrasite do; PEP 768's
/// <c>sys.remote_exec</c> is 3.14's). gdb stops the process, calls <c>Py_AddPendingCall(PyRun_SimpleString, line)</c>
/// and detaches; the interpreter's main thread runs the line at its next bytecode, with the GIL and in a
/// consistent state (calling <c>PyRun_SimpleString</c> from the stopped thread directly could run Python in the
/// middle of the allocator, as pyrasite does). The line goes into a page the target maps for it
/// (<c>mmap</c>, a system call: no <c>malloc</c>, whose lock the stopped target may hold) and then unmaps itself
/// (its address is written into the line). gdb reads the symbol tables of libc and libpython only, without their
/// debugging information (--readnever; a pyenv libpython carries 30 MB of it): the process is
/// stopped for about 0.3 s instead of 2 s. gdb's whole run is the bound reported for the stop.
/// </summary>
internal static class DebuggerInjection
{
    /// <summary>
    /// What stands in the line for the page's address until gdb writes it: 20 digits (as <c>%020lu</c> prints them)
    /// and the quote after them, which gdb's write of a 21-byte string (digits and NUL) overwrites and puts back.
    /// </summary>
    internal const string AddressPlaceholder = "00000000000000000000'";

    private const int PageBytes = 4096;

    /// <summary>Queues <paramref name="pythonLine"/> (ASCII, with <see cref="AddressPlaceholder"/> once) in <paramref name="target"/>; returns how long gdb ran.</summary>
    internal static TimeSpan QueuePythonCall(TargetProcess target, string pythonLine, TimeSpan timeout)
    {
        var bytes = pythonLine.Length + 1;
        var at = pythonLine.IndexOf(AddressPlaceholder, StringComparison.Ordinal);
        if (bytes > PageBytes || at < 0 || pythonLine.Any(c => c > 127))
        {
            throw new ArgumentException("the line must be ASCII, fit a page and hold the address placeholder", nameof(pythonLine));
        }

        var commands = new[]
        {
            "sharedlibrary libc.so", "sharedlibrary libpython",
            $"set $objex_page = (char *) mmap(0, {PageBytes}, 3, 0x22, -1, 0)",
            $"set {{char[{bytes}]}} $objex_page = \"{EscapeForGdb(pythonLine)}\"",
            $"eval \"set {{char[21]}} ($objex_page + {at}) = \\\"%020lu\\\"\", $objex_page",
            $"set {{char}} ($objex_page + {at + 20}) = 39",
            "call (int) Py_AddPendingCall((int (*)(void *)) PyRun_SimpleString, $objex_page)",
            // A main thread blocked waiting on a lock (join, Queue.get, Event.wait, Lock.acquire) would run the call only
            // once the lock is released: its futex wait, interrupted by the attach (the kernel would restart it),
            // returns EINTR instead, as if a signal had come. Python's lock acquire then runs the pending calls and
            // waits again; every other futex waiter (a condition, glibc's locks) takes EINTR as a spurious wake-up.
            "set $objex_intr = $orig_rax == 202 && ($rax == -512 || $rax == -516)",
            "set $rax = $objex_intr ? -4 : $rax",
            "set $orig_rax = $objex_intr ? -1 : $orig_rax",
        };
        var arguments = new List<string>
        {
            "-p", target.Pid.ToString(CultureInfo.InvariantCulture), "-batch", "-nx", "-q", "--readnever",
            "-iex", "set auto-load off", "-iex", "set debuginfod enabled off", "-iex", "set auto-solib-add off",
        };
        foreach (var command in commands)
        {
            arguments.Add("-ex");
            arguments.Add(command);
        }

        var clock = Stopwatch.StartNew();
        var output = HelperProcess.Run("gdb", arguments, timeout,
            "attach needs gdb on PATH to reach a running process (Debian: apt-get install gdb)",
            $"gdb did not attach to process {target.Pid} within {timeout.TotalSeconds:0} s").Both;
        var result = ResultOf(output);
        if (result == "0")
        {
            return clock.Elapsed;
        }

        throw new AttachException(Explain(target, output, result));
    }

    /// <summary>What to do when the kernel refuses to let objex reach into another process's memory (gdb and <c>sys.remote_exec</c> alike).</summary>
    internal static string NotPermitted(TargetProcess target) =>
        $"not allowed to attach a debugger to process {target.Pid}: run objex as its user or as root; " +
        "/proc/sys/kernel/yama/ptrace_scope must be 0 (or 1 with CAP_SYS_PTRACE); in a container, start it with --cap-add=SYS_PTRACE";

    /// <summary>The value gdb printed for the call (<c>$1 = 0</c>), or null.</summary>
    private static string? ResultOf(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            // The pending call's result is the only value gdb prints ("$1 = 0"): the other commands are set/eval.
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
            return NotPermitted(target);
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
