using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Objex.Cli.Tests.MakeAnalysisDb;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// `objex attach PID DUMP` on real services that never imported objex (Targets/attach_service.py), through gdb:
/// the dump is complete, the service keeps running with no child left to reap, and every refusal is one line.
/// </summary>
public sealed class AttachTests
{
    public static TheoryData<string> Pythons => ShapeDump.Interpreters();

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_dump_a_running_service_and_leave_it_running(string python)
    {
        using var service = Service.Start(python);
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"dumped process {service.Pid} (", result.Stdout);
        Assert.Contains($"to {dump} (", result.Stdout);
        Assert.Contains("ms for the stack capture and fork; a detached child wrote the dump", result.Stdout);
        Assert.Contains($"next: objex make-analysis-db {dump} {Path.Combine(service.Folder, "dump.analysis.db")}", result.Stdout);
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
        service.AssertStillRunning();
        Assert.Empty(service.Children());
    }

    [CollectorTheory]
    [MemberData(nameof(Pythons))]
    public void Should_dump_inside_the_service_when_asked_not_to_fork(string python)
    {
        using var service = Service.Start(python);
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump, "--in-process"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ms for the whole dump (--in-process)", result.Stdout);
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
        service.AssertStillRunning();
    }

    public static TheoryData<string, string> BusyShapes()
    {
        var data = new TheoryData<string, string>();
        foreach (var python in new[] { PythonInterpreter.All[0], PythonInterpreter.Default }.Distinct())
        {
            data.Add(python, "busy");
            data.Add(python, "asyncio");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BusyShapes))]
    public void Should_dump_a_busy_loop_and_an_asyncio_server_that_still_answers(string python, string mode)
    {
        using var service = Service.Start(python, mode);
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
        service.AssertStillRunning();
        if (mode == "asyncio")
        {
            Assert.Equal("tick\n", service.Ask());
        }
    }

    public static TheoryData<string> OldestAndNewest => new(new[] { PythonInterpreter.All[0], PythonInterpreter.Default }.Distinct());

    [Theory]
    [MemberData(nameof(OldestAndNewest))]
    public void Should_dump_a_service_whose_main_thread_spends_its_time_in_a_C_extension_call(string python)
    {
        using var service = Service.Start(python, "cext");
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump]);

        // The pending call runs once the C call returns (at most a few tenths of a second here).
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
        service.AssertStillRunning();
    }

    [Fact]
    public void Should_finish_the_dump_of_a_service_that_exits_right_after_the_fork()
    {
        using var service = Service.Start(PythonInterpreter.Default, "exit-after-dump");
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump]);

        // The detached child holds the heap as it was at the fork: the service's exit takes nothing from the dump.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(service.Process.WaitForExit(TimeSpan.FromSeconds(30)), "the service did not exit");
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
    }

    [Fact]
    public void Should_say_the_service_exited_when_it_dies_during_an_in_process_dump_and_leave_nothing()
    {
        using var service = Service.Start(PythonInterpreter.Default, "exit-during-dump");
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump, "--in-process"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"objex: attach: process {service.Pid} exited before its dump was complete; nothing was written\n", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.True(service.Process.HasExited);
        var clock = Stopwatch.StartNew();
        while (Directory.GetFiles(service.Folder, "*dump.db*").Length > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);   // the dead service's writer process removes its half file as it sees it gone
        }

        Assert.Empty(Directory.GetFiles(service.Folder, "*dump.db*"));
    }

    [InterpreterFact("3.14", "attach through sys.remote_exec (PEP 768)")]
    public void Should_reach_a_3_14_service_through_sys_remote_exec_without_gdb()
    {
        using var service = Service.Start(PythonInterpreter.Find("3.14")!);
        var dump = Path.Combine(service.Folder, "dump.db");

        // No gdb on PATH: 3.14's own way in needs none.
        var result = Processes.Objex(["attach", service.Pid.ToString(), dump], environment: new Dictionary<string, string?> { ["PATH"] = "/nonexistent" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sys.remote_exec reached the process without stopping it; it paused", result.Stdout);
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
        service.AssertStillRunning();
    }

    [InterpreterFact("3.7", "the refusal of a Python older than 3.8")]
    public void Should_refuse_a_python_older_than_3_8_before_stopping_it()
    {
        using var service = Service.Start(PythonInterpreter.Find("3.7")!);
        var dump = Path.Combine(service.Folder, "dump.db");

        AssertRefused(["attach", service.Pid.ToString(), dump],
            $"objex: attach: process {service.Pid} runs Python 3.7: objex attach reaches CPython 3.8 to 3.13 (with gdb) and 3.14 or later (with sys.remote_exec)\n");
        service.AssertStillRunning();
    }

    [Fact]
    public void Should_say_how_to_install_gdb_when_it_is_missing()
    {
        using var service = Service.Start(PythonInterpreter.Default);
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump], environment: new Dictionary<string, string?> { ["PATH"] = "/nonexistent" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("objex: attach: attach needs gdb on PATH to reach a running process (Debian: apt-get install gdb)\n", result.Stderr);
        service.AssertStillRunning();
        Assert.False(File.Exists(dump));
    }

    [Fact]
    public void Should_refuse_a_stopped_process_and_a_second_attach_to_one_process()
    {
        using var service = Service.Start(PythonInterpreter.Default);
        var dump = Path.Combine(service.Folder, "dump.db");
        using (File.Open(Path.Combine(Path.GetTempPath(), $"objex-attach-{service.Pid}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            AssertRefused(["attach", service.Pid.ToString(), dump], $"objex: attach: another objex attach to process {service.Pid} is running\n");
        }

        Processes.Run("kill", ["-STOP", service.Pid.ToString()]);
        try
        {
            AssertRefused(["attach", service.Pid.ToString(), dump],
                $"objex: attach: process {service.Pid} is stopped (state T): it would never run the collector; continue it first (kill -CONT {service.Pid})\n");
        }
        finally
        {
            Processes.Run("kill", ["-CONT", service.Pid.ToString()]);
        }

        service.AssertStillRunning();
        Assert.False(File.Exists(dump));
    }

    [Theory]
    [MemberData(nameof(OldestAndNewest))]
    public void Should_dump_a_service_whose_main_thread_waits_on_a_lock_and_let_it_wait_on(string python)
    {
        using var service = Service.Start(python, "block");
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump, "--timeout", "10"]);

        // The wait, interrupted as if by a signal, ran the collector and went back to waiting on the same lock.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
        Assert.False(service.Process.HasExited, "the service stopped waiting");
        Assert.False(File.Exists(service.Heartbeat), "the lock wait ended before the lock was released");
        File.WriteAllText(service.Heartbeat + ".release", "");
        Assert.True(service.Process.WaitForExit(TimeSpan.FromSeconds(30)), "the service did not finish once released");
        Assert.Equal(0, service.Process.ExitCode);
        Assert.Single(File.ReadAllLines(service.Heartbeat));
    }

    [Fact]
    public void Should_dump_a_service_whose_main_thread_waits_in_a_thread_join()
    {
        using var service = Service.Start(PythonInterpreter.Default, "join");
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump, "--timeout", "10"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
        service.AssertStillRunning();
    }

    [AsRootFact]
    public void Should_dump_another_users_service_with_the_system_python()
    {
        // Debian's python3 (libpython linked into the executable) run as nobody (uid 65534): the collector's copy, the status
        // files and the dump's folder must all be reachable by that user.
        using var service = Service.Start("/usr/bin/python3", null, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3000, CaptureTests.CountInstances(dump, "Order"));
        Assert.Equal(TargetUid(service.Pid), FileOwner(dump));
        service.AssertStillRunning();
    }

    [AsRootFact]
    public void Should_refuse_a_service_in_another_mount_namespace_saying_to_attach_from_inside()
    {
        using var service = Service.Start(PythonInterpreter.Default, null, "unshare", "--mount");
        var dump = Path.Combine(service.Folder, "dump.db");

        AssertRefused(["attach", service.Pid.ToString(), dump],
            $"objex: attach: process {service.Pid} runs in another mount namespace (a container): it would not see the collector or the dump path; " +
            "run objex attach inside it (docker exec CONTAINER objex attach PID …)\n");
        service.AssertStillRunning();
    }

    private static int TargetUid(int pid) =>
        int.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1],
            System.Globalization.CultureInfo.InvariantCulture);

    private static int FileOwner(string path) =>
        int.Parse(Processes.Run("stat", ["-c", "%u", path]).Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Should_give_up_on_a_service_whose_main_thread_runs_no_python_and_write_nothing_later()
    {
        using var service = Service.Start(PythonInterpreter.Default, "nap");
        var dump = Path.Combine(service.Folder, "dump.db");

        var result = Processes.Objex(["attach", service.Pid.ToString(), dump, "--timeout", "1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"objex: attach: process {service.Pid} did not run the collector within 1 s: its main thread has run no Python code since " +
            "(blocked in a C call: a long sleep or select, or a C extension?); nothing was written (--timeout waits longer)\n",
            result.Stderr);
        Assert.True(service.Process.WaitForExit(TimeSpan.FromSeconds(30)), "the service did not finish its nap");
        Assert.Equal(0, service.Process.ExitCode);
        Assert.False(File.Exists(dump), "the queued call ran after attach gave up and dumped anyway");
    }

    [Fact]
    public void Should_refuse_in_one_line_what_it_cannot_attach_to()
    {
        using var folder = new TempFolder();
        var dump = Path.Combine(folder.Path, "dump.db");
        using var sleeper = Process.Start("sleep", "30");
        File.WriteAllText(Path.Combine(folder.Path, "taken.db"), "x");

        AssertRefused(["attach", "999999999", dump], "objex: attach: no process has pid 999999999\n");
        AssertRefused(["attach", sleeper.Id.ToString(), dump], $"objex: attach: process {sleeper.Id} is not a Python process (it runs /usr/bin/sleep)\n");
        AssertRefused(["attach", sleeper.Id.ToString(), Path.Combine(folder.Path, "taken.db")],
            $"objex: attach: {Path.Combine(folder.Path, "taken.db")} already exists; refusing to overwrite it\n");
        AssertRefused(["attach", sleeper.Id.ToString(), Path.Combine(folder.Path, "no", "dump.db")],
            $"objex: attach: cannot write {Path.Combine(folder.Path, "no", "dump.db")}: directory {Path.Combine(folder.Path, "no")} does not exist\n");
        AssertRefused(["attach", sleeper.Id.ToString(), dump, "--max-memory", "lots"],
            "objex: attach: --max-memory lots is not a size above 0 (examples: 800M, 2G, 1500000000)\n");
        sleeper.Kill();
        Assert.False(File.Exists(dump));
    }

    [Fact]
    public void Should_stop_a_dump_before_it_takes_more_memory_than_max_memory_and_write_nothing()
    {
        using var service = Service.Start(PythonInterpreter.Default);
        var dump = Path.Combine(service.Folder, "dump.db");

        // 1 MiB: the forked child's copied pages alone pass it in the first interval the budget checks.
        var result = Processes.Objex(["attach", service.Pid.ToString(), dump, "--max-memory", "1M"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Matches($@"^objex: attach: the dump of process {service.Pid} to {System.Text.RegularExpressions.Regex.Escape(dump)} failed: DumpMemoryLimitError: [^\n]*max_memory[^\n]*\n$", result.Stderr);
        Assert.False(File.Exists(dump));
        Assert.Empty(Directory.GetFiles(service.Folder, "*.db*"));
        service.AssertStillRunning();
    }

    private static void AssertRefused(string[] args, string stderr)
    {
        var result = Processes.Objex(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(stderr, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    /// <summary>A temporary folder removed at the end of the test.</summary>
    private sealed class TempFolder : IDisposable
    {
        internal string Path { get; } = Directory.CreateTempSubdirectory("objex-attach-test-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Targets/attach_service.py running until disposed; its pid read from its first line.</summary>
    private sealed class Service : IDisposable
    {
        private readonly TempFolder _folder = new();

        private Service(string python, string? mode, string[] wrapper)
        {
            Heartbeat = System.IO.Path.Combine(Folder, "heartbeat");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("777", 8));   // for a service run as another user
            }

            // Its output goes to files, not pipes to this test host: a service is nobody's child here.
            var info = new ProcessStartInfo("sh") { UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("exec \"$0\" \"$@\" >\"$OUT\" 2>&1 </dev/null");
            foreach (var argument in wrapper)
            {
                info.ArgumentList.Add(argument);
            }

            // A copy in the service's own folder: the clone may sit in a folder only its owner can enter (mktemp -d),
            // and a service run as another user must still read its program.
            var program = System.IO.Path.Combine(Folder, "attach_service.py");
            File.Copy(System.IO.Path.Combine(RepoPaths.TargetsDir, "attach_service.py"), program);
            info.ArgumentList.Add(python);
            info.ArgumentList.Add(program);
            info.ArgumentList.Add(Heartbeat);
            if (mode is not null)
            {
                info.ArgumentList.Add(mode);
            }

            info.Environment["OUT"] = Heartbeat + ".out";
            Process = Process.Start(info)!;
            Pid = Process.Id;
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Heartbeat + ".ready") && !Process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(20);
            }

            Assert.True(File.Exists(Heartbeat + ".ready"), $"the service did not start: {ReadOrEmpty(Heartbeat + ".out")}");
        }

        private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

        internal Process Process { get; }

        internal int Pid { get; }

        internal string Folder => _folder.Path;

        internal string Heartbeat { get; }

        /// <summary>Starts the service, through <paramref name="wrapper"/> when given (setpriv, unshare).</summary>
        internal static Service Start(string python, string? mode = null, params string[] wrapper) => new(python, mode, wrapper);

        /// <summary>The service's heartbeat goes on after the dump.</summary>
        internal void AssertStillRunning()
        {
            var before = File.ReadAllLines(Heartbeat).Length;
            var clock = Stopwatch.StartNew();
            while (File.ReadAllLines(Heartbeat).Length <= before + 3 && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(20);
            }

            Assert.False(Process.HasExited, "the service exited");
            Assert.True(File.ReadAllLines(Heartbeat).Length > before + 3, "the service's heartbeat stopped after the dump");
        }

        /// <summary>One line to the asyncio service's server, and its answer.</summary>
        internal string Ask()
        {
            var port = int.Parse(File.ReadAllText(Heartbeat + ".port"), System.Globalization.CultureInfo.InvariantCulture);
            using var client = new System.Net.Sockets.TcpClient("127.0.0.1", port);
            using var stream = client.GetStream();
            stream.Write("hello\n"u8);
            using var reader = new StreamReader(stream);
            return reader.ReadLine() + "\n";
        }

        /// <summary>The service's live child processes (a forked dumper left to reap would be one).</summary>
        internal string[] Children() =>
            File.ReadAllText($"/proc/{Pid}/task/{Pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit();
            }

            Process.Dispose();
            _folder.Dispose();
        }
    }
}
