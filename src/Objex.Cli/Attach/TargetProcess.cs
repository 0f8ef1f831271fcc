using System.Globalization;
using System.Text.RegularExpressions;

namespace Objex.Cli.Attach;

/// <summary>A running process named by its pid, as /proc shows it: what `attach` checks before it stops it with a debugger.</summary>
internal sealed record TargetProcess(int Pid, string Executable, string CommandLine, int Uid, Version? PythonVersion)
{
    /// <summary>The first CPython that runs a script another process hands it (PEP 768's <c>sys.remote_exec</c>).</summary>
    internal static readonly Version RemoteExecVersion = new(3, 14);

    private static readonly Version OldestReachable = new(3, 8);

    /// <summary>The process, or an <see cref="AttachException"/> saying in one line why it cannot be attached to.</summary>
    internal static TargetProcess Find(int pid)
    {
        var proc = $"/proc/{pid}";
        if (pid <= 0 || !Directory.Exists(proc))
        {
            throw new AttachException($"no process has pid {pid}");
        }

        if (pid == Environment.ProcessId)
        {
            throw new AttachException($"pid {pid} is objex itself");
        }

        string executable, maps, status;
        try
        {
            executable = new FileInfo($"{proc}/exe").LinkTarget ?? "?";
            maps = File.ReadAllText($"{proc}/maps");
            status = File.ReadAllText($"{proc}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AttachException($"cannot read /proc/{pid} ({e.Message.TrimEnd('.')}): attach as the process's user or as root");
        }

        var state = StateOf(status);
        if (state is 'T' or 't')
        {
            throw new AttachException($"process {pid} is stopped (state {state}): it would never run the collector; continue it first (kill -CONT {pid})");
        }

        if (state is 'Z' or 'X')
        {
            throw new AttachException($"process {pid} has exited");
        }

        if (LinkOf($"{proc}/ns/mnt") is { } theirs && LinkOf("/proc/self/ns/mnt") is { } ours && theirs != ours)
        {
            throw new AttachException($"process {pid} runs in another mount namespace (a container): it would not see the collector or the dump path; " +
                                      "run objex attach inside it (docker exec CONTAINER objex attach PID …)");
        }

        var commandLine = ReadCommandLine(pid);
        var name = Path.GetFileName(executable);
        if (!name.StartsWith("python", StringComparison.Ordinal) && !maps.Contains("libpython3", StringComparison.Ordinal))
        {
            throw new AttachException($"process {pid} is not a Python process (it runs {executable})");
        }

        var version = VersionOf(maps, name);
        if (version is not null && version < OldestReachable)
        {
            throw new AttachException($"process {pid} runs Python {version}: objex attach reaches CPython 3.8 to 3.13 (with gdb) " +
                                      "and 3.14 or later (with sys.remote_exec)");
        }

        return new TargetProcess(pid, executable, commandLine, ReadUid(status), version);
    }

    /// <summary>Whether the process still runs (a zombie counts as gone).</summary>
    internal bool IsAlive()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return !state.StartsWith('Z') && !state.StartsWith('X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The interpreter's version from the libpython it mapped (<c>libpython3.12.so</c>, <c>libpython3.7m.so</c>) or
    /// else from the executable's name (<c>python3.12</c>); null when neither says (an embedding program, a
    /// statically linked <c>python3</c>): then gdb is tried, and the collector checks the version itself.
    /// </summary>
    internal static Version? VersionOf(string maps, string executableName)
    {
        foreach (var text in new[] { maps, executableName })
        {
            var match = Regex.Match(text, @"(?:libpython|^python)(\d)\.(\d{1,2})(?!\d)");
            if (match.Success)
            {
                return new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    private static string ReadCommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            var line = raw.TrimEnd('\0').Replace('\0', ' ');
            return line.Length > 120 ? line[..117] + "..." : line;
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Takes the one attach a process may have at a time; another `objex attach` to it is refused while this runs.</summary>
    internal IDisposable Lock()
    {
        try
        {
            return new FileStream(Path.Combine(Path.GetTempPath(), $"objex-attach-{Pid}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite,
                FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new AttachException($"another objex attach to process {Pid} is running");
        }
    }

    private static char StateOf(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("State:", StringComparison.Ordinal))
            {
                return line[6..].Trim() is { Length: > 0 } state ? state[0] : '?';
            }
        }

        return '?';
    }

    private static string? LinkOf(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The real uid of a process, or -1.</summary>
    internal static int UidOf(int pid)
    {
        try
        {
            return ReadUid(File.ReadAllText($"/proc/{pid}/status"));
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static int ReadUid(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line[4..].Split('\t', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && int.TryParse(fields[0], out var uid) ? uid : -1;
            }
        }

        return -1;
    }
}
