using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Objex.Cli.Attach;
using Objex.Query;

namespace Objex.Cli.Commands;

/// <summary>
/// `objex attach PID DUMP [--in-process] [--timeout S] [--max-memory SIZE]`: dumps a running Python process that never imported objex.
/// The collector the tool carries is extracted to a private folder; gdb makes the target's main thread run it at
/// its next bytecode (<see cref="DebuggerInjection"/>); by default it forks and a detached grandchild writes the
/// dump, so the target pauses only for the stack capture and the fork. Exit 0 only when the dump is complete.
/// </summary>
internal static class AttachCommandHandler
{
    private static readonly Argument<int> PidArgument = new("pid") { Description = "The running Python process to dump" };
    private static readonly Argument<string> DumpArgument = new("dump") { Description = "The dump to write (dump.db); must not exist" };
    private static readonly Option<bool> InProcessOption = new("--in-process")
    {
        Description = "Dump in the target itself (no fork), pausing it for the whole walk",
    };

    private static readonly Option<double> TimeoutOption = new("--timeout")
    {
        Description = "Seconds to wait for the target to run the collector (its main thread must run Python code)",
        DefaultValueFactory = _ => 30,
    };

    private static readonly Option<string?> MaxMemory = MaxMemoryOption.Create();

    internal static void Register(RootCommand root)
    {
        var command = new Command("attach", "Dump a running Python process by its pid (with gdb), leaving it running")
        {
            PidArgument,
            DumpArgument,
            InProcessOption,
            TimeoutOption,
            MaxMemory,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(
            parse.GetValue(PidArgument), parse.GetValue(DumpArgument)!, parse.GetValue(InProcessOption), parse.GetValue(TimeoutOption),
            parse.GetValue(MaxMemory), cancel)));
        root.Subcommands.Add(command);
    }

    private static int Run(int pid, string dump, bool inProcess, double timeoutSeconds, string? maxMemoryText, CancellationToken cancel)
    {
        try
        {
            var maxMemory = MaxMemoryOption.Parse(maxMemoryText);
            var path = DumpPath.Check(dump);
            var target = TargetProcess.Find(pid);
            using var attachLock = target.Lock();
            using var payload = CollectorPayload.Extract();
            var status = new DumpStatus(Path.Combine(payload.Directory, "status"));
            ShareWith(target, payload);
            var request = Path.Combine(payload.Directory, "request.json");
            File.WriteAllText(request, JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["path"] = path, ["status"] = status.Prefix, ["in_process"] = inProcess, ["pydir"] = payload.Directory, ["max_memory"] = maxMemory,
            }));
            Say($"attaching to process {pid} ({target.CommandLine})");
            var stopped = Inject(target, payload, EntryLine(payload, request));
            Say("waiting for its main thread to run the collector");
            var started = WaitForStart(target, path, status, TimeSpan.FromSeconds(timeoutSeconds), cancel);
            var done = inProcess ? status.Done : WaitForDumper(status, cancel);
            return Report(target, path, started, done, stopped);
        }
        catch (AttachException e)
        {
            Console.Error.WriteLine($"objex: attach: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("objex: attach cancelled");
            return 130;
        }
    }

    /// <summary>
    /// Makes the target run <paramref name="line"/> at its next safe point: through 3.14's <c>sys.remote_exec</c> where
    /// the target has it (null returned: nothing stopped the target), else through gdb (returned: how long gdb held it).
    /// </summary>
    private static TimeSpan? Inject(TargetProcess target, CollectorPayload payload, string line)
    {
        if (target.PythonVersion >= TargetProcess.RemoteExecVersion)
        {
            var script = Path.Combine(payload.Directory, "entry.py");
            File.WriteAllText(script, line);
            RemoteExecInjection.QueueScript(target, script, TimeSpan.FromSeconds(60));
            return null;
        }

        return DebuggerInjection.QueuePythonCall(target, line, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// The line the target runs: the entry script executed in a fresh namespace, so nothing is bound in the program's
    /// <c>__main__</c>; every exception is swallowed there, since a pending call that fails would raise in the program.
    /// </summary>
    private static string EntryLine(CollectorPayload payload, string request)
    {
        var entry = JsonSerializer.Serialize(Path.Combine(payload.PackageDirectory, "_attach_main.py"));
        var requestLiteral = JsonSerializer.Serialize(request);
        return $"try:\n exec(compile(open({entry}).read(), {entry}, 'exec'), {{'__name__': '__objex_attach__', 'REQUEST': {requestLiteral}, " +
               $"'PAGE': int('{DebuggerInjection.AddressPlaceholder})}})\nexcept BaseException:\n pass\n";
    }

    /// <summary>
    /// A target running as another user (objex as root) must still read the collector and write its status: the
    /// folder becomes writable by all, sticky (no one removes what another wrote), for this one dump.
    /// </summary>
    private static void ShareWith(TargetProcess target, CollectorPayload payload)
    {
        if (!OperatingSystem.IsWindows() && target.Uid >= 0 && target.Uid != TargetProcess.UidOf(Environment.ProcessId))
        {
            File.SetUnixFileMode(payload.Directory, (UnixFileMode)Convert.ToInt32("1777", 8));
        }
    }

    /// <summary>
    /// Waits for the target to say it ran the collector (with --in-process: that the dump is done). The timeout
    /// bounds only the wait for the collector to start: a long in-process dump that has begun is waited for.
    /// </summary>
    private static JsonElement WaitForStart(TargetProcess target, string path, DumpStatus status, TimeSpan timeout, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (status.Started is { } started)
            {
                if (DumpStatus.Text(started, "error") is { } error)
                {
                    throw new AttachException($"the collector could not start in process {target.Pid}: {error}");
                }

                return started;
            }

            if (!target.IsAlive())
            {
                DumpPath.RemoveUnfinished(path, target.Pid);
                throw new AttachException($"process {target.Pid} exited before its dump was complete; nothing was written");
            }

            if (clock.Elapsed > timeout && status.ClaimBeforeTarget())
            {
                throw new AttachException(
                    $"process {target.Pid} did not run the collector within {timeout.TotalSeconds:0} s: its main thread has run no Python " +
                    "code since (blocked in a C call: a long sleep or select, or a C extension?); nothing was written (--timeout waits longer)");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Waits for the detached process that writes the dump: its result, or a line saying it died.</summary>
    private static JsonElement? WaitForDumper(DumpStatus status, CancellationToken cancel)
    {
        var lastSeen = Stopwatch.StartNew();
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (status.Done is { } done)
            {
                return done;
            }

            if (status.DumperPid is { } pid)
            {
                if (Directory.Exists($"/proc/{pid}"))
                {
                    lastSeen.Restart();
                }
                else if (lastSeen.Elapsed > TimeSpan.FromSeconds(1) && status.Done is null)
                {
                    throw new AttachException($"the dump process {pid} ended without finishing the dump (killed, or out of memory?)");
                }
            }
            else if (lastSeen.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new AttachException("the forked dump process never started");
            }

            Thread.Sleep(50);
        }
    }

    private static int Report(TargetProcess target, string path, JsonElement started, JsonElement? done, TimeSpan? stopped)
    {
        if (done is not { } result || !DumpStatus.Flag(result, "ok") || !File.Exists(path))
        {
            var why = done is { } d ? DumpStatus.Text(d, "error") : null;
            Console.Error.WriteLine($"objex: attach: the dump of process {target.Pid} to {path} failed: {why ?? "no dump was written"}");
            return 1;
        }

        var paused = DumpStatus.Number(started, "paused_s") * 1000;
        var seconds = DumpStatus.Number(result, "seconds");
        var python = DumpStatus.Text(started, "python") ?? "?";
        Console.Out.WriteLine($"dumped process {target.Pid} ({target.CommandLine}; Python {python}) to {path} ({ByteSize.Format(new FileInfo(path).Length)}) in {seconds:0.0} s");
        var reached = stopped is { } held
            ? $"the process was stopped by gdb for at most {held.TotalSeconds:0.0} s, then"
            : "sys.remote_exec reached the process without stopping it; it";
        Console.Out.WriteLine(DumpStatus.Flag(started, "in_process")
            ? $"{reached} paused {paused:0} ms for the whole dump (--in-process)"
            : $"{reached} paused {paused:0.0} ms for the stack capture and fork; a detached child wrote the dump");
        Console.Out.WriteLine($"next: objex make-analysis-db {path} {DumpPath.AnalysisFor(path)}");
        return 0;
    }

    private static void Say(string message)
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine($"objex: {message}…");
        }
    }
}
