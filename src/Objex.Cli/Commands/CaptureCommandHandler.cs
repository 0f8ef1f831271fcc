using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Objex.Cli.Attach;
using Objex.Query;

namespace Objex.Cli.Commands;

/// <summary>
/// `objex capture [--after S] [--rss-above SIZE] [--every S --count N] [-o PATTERN] [--max-memory SIZE] -- python app.py args…`: runs a
/// program with the collector loaded (no change to its code) and dumps it when a condition holds, into numbered
/// files (<c>app-1.db</c>, <c>app-2.db</c>, … ready for `objex diff`). The program keeps running, its output is its
/// own (objex speaks on stderr), and its exit status is passed on. The conditions are watched by a daemon thread in
/// the program (python/objex/_capture.py); each dump is written by a detached child.
/// </summary>
internal static class CaptureCommandHandler
{
    private static readonly Option<double?> AfterOption = new("--after") { Description = "Dump once, this many seconds after the start" };
    private static readonly Option<string?> RssOption = new("--rss-above") { Description = "Dump once, when resident memory passes this size (800M, 2G)" };
    private static readonly Option<double?> EveryOption = new("--every") { Description = "Dump every this many seconds (--count times)" };
    private static readonly Option<int> CountOption = new("--count") { Description = "How many dumps --every makes", DefaultValueFactory = _ => 1 };
    private static readonly Option<string?> OutputOption = new("--output", "-o") { Description = "Dump file pattern; {n} is the dump's number (default: <program>-{n}.db)" };
    private static readonly Option<string?> MaxMemory = MaxMemoryOption.Create();
    private static readonly Argument<string[]> ProgramArgument = new("program") { Description = "-- python app.py args… (or python -m module args…)", Arity = ArgumentArity.OneOrMore };

    internal static void Register(RootCommand root)
    {
        var command = new Command("capture", "Run a Python program with objex loaded and dump it when a condition holds")
        {
            AfterOption, RssOption, EveryOption, CountOption, OutputOption, MaxMemory, ProgramArgument,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(
            parse.GetValue(AfterOption), parse.GetValue(RssOption), parse.GetValue(EveryOption), parse.GetValue(CountOption),
            parse.GetValue(OutputOption), parse.GetValue(MaxMemory), parse.GetValue(ProgramArgument)!)));
        root.Subcommands.Add(command);
    }

    private static int Run(double? after, string? rss, double? every, int count, string? output, string? maxMemoryText, string[] program)
    {
        try
        {
            var rssAbove = CheckConditions(after, rss, every, count);
            var maxMemory = MaxMemoryOption.Parse(maxMemoryText);
            var (interpreter, arguments) = SplitProgram(program);
            var pattern = Pattern(output, arguments);
            using var payload = CollectorPayload.Extract();
            var statusPrefix = Path.Combine(payload.Directory, "status");
            var config = Path.Combine(payload.Directory, "capture.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["pattern"] = pattern, ["status"] = statusPrefix, ["after"] = after, ["rss_above"] = rssAbove, ["every"] = every, ["count"] = count,
                ["max_memory"] = maxMemory,
            }));
            var info = new ProcessStartInfo(interpreter) { UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(payload.PackageDirectory, "_capture_main.py"));
            info.ArgumentList.Add(config);
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            // Ctrl-C goes to the program (same process group); capture waits for it to end and passes its status on.
            Console.CancelKeyPress += (_, e) => e.Cancel = true;
            using var process = StartProgram(info, interpreter);
            var reported = new DumpReports(statusPrefix);
            while (!process.WaitForExit(100))
            {
                reported.Poll();
            }

            reported.WaitForDumpers();
            return process.ExitCode;
        }
        catch (AttachException e)
        {
            Console.Error.WriteLine($"objex: capture: {e.Message}");
            return 2;
        }
    }

    private static long? CheckConditions(double? after, string? rss, double? every, int count)
    {
        if (after is null && rss is null && every is null)
        {
            throw new AttachException("say when to dump: --after SECONDS, --rss-above SIZE or --every SECONDS --count N");
        }

        if (after < 0 || every <= 0 || count < 1)
        {
            throw new AttachException("--after must be 0 or more, --every more than 0, --count 1 or more");
        }

        if (rss is null)
        {
            return null;
        }

        return SizeArgument.TryParse(rss, out var bytes)
            ? bytes
            : throw new AttachException($"--rss-above {rss} is not a size (examples: 800M, 2G, 1500000000)");
    }

    private static (string Interpreter, string[] Arguments) SplitProgram(string[] program)
    {
        if (program.Length < 2 || (program[1] == "-m" && program.Length < 3))
        {
            throw new AttachException("capture runs a Python program: objex capture --after 10 -- python app.py [args…] (or -- python -m module [args…])");
        }

        if (program[1].StartsWith('-') && program[1] != "-m")
        {
            throw new AttachException($"capture runs a script or -m module; interpreter option {program[1]} is not supported");
        }

        if (program[1] != "-m" && !File.Exists(program[1]))
        {
            throw new AttachException($"{program[1]}: no such script");
        }

        return (program[0], program[1..]);
    }

    /// <summary>The dump file pattern (absolute, with {n}); refused when its first file is already there.</summary>
    private static string Pattern(string? output, string[] arguments)
    {
        var stem = arguments[0] == "-m" ? arguments[1].Split('.')[^1] : Path.GetFileNameWithoutExtension(arguments[0]);
        var pattern = Path.GetFullPath(output ?? $"{stem}-{{n}}.db");
        if (!pattern.Contains("{n}", StringComparison.Ordinal))
        {
            var extension = Path.GetExtension(pattern);
            pattern = pattern[..^extension.Length] + "-{n}" + extension;
        }

        var first = pattern.Replace("{n}", "1", StringComparison.Ordinal);
        if (File.Exists(first))
        {
            throw new AttachException($"{first} already exists; refusing to overwrite it (-o another pattern)");
        }

        DumpPath.Check(first);
        return pattern;
    }

    private static Process StartProgram(ProcessStartInfo info, string interpreter)
    {
        try
        {
            return Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AttachException($"cannot run {interpreter}: {e.Message}");
        }
    }

    /// <summary>Says on stderr when each dump starts and ends, once; at the program's end waits for the dumps still being written.</summary>
    private sealed class DumpReports(string prefix)
    {
        private readonly HashSet<int> _started = [];
        private readonly HashSet<int> _finished = [];

        internal void Poll()
        {
            for (var n = 1; ; n++)
            {
                var status = new DumpStatus($"{prefix}-{n}");
                if (status.Started is not { } started)
                {
                    return;
                }

                if (_started.Add(n))
                {
                    Announce(n, started);
                }

                if (!_finished.Contains(n) && status.Done is { } done)
                {
                    _finished.Add(n);
                    var path = DumpStatus.Text(started, "path");
                    Console.Error.WriteLine(DumpStatus.Flag(done, "ok")
                        ? $"objex: wrote {path} ({ByteSize.Format(new FileInfo(path!).Length)}) in {DumpStatus.Number(done, "seconds"):0.0} s"
                        : $"objex: capture: dump {n} to {path} failed: {DumpStatus.Text(done, "error")}");
                }
            }
        }

        internal void WaitForDumpers()
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                Poll();
                var waiting = _started.Where(n => !_finished.Contains(n) && new DumpStatus($"{prefix}-{n}").DumperPid is { } pid && Directory.Exists($"/proc/{pid}")).ToList();
                if (waiting.Count == 0 || clock.Elapsed > TimeSpan.FromMinutes(30))
                {
                    return;
                }

                Thread.Sleep(100);
            }
        }

        private static void Announce(int n, JsonElement started)
        {
            if (DumpStatus.Text(started, "error") is { } error)
            {
                Console.Error.WriteLine($"objex: capture: dump {n} could not start: {error}");
                return;
            }

            var rss = DumpStatus.Number(started, "rss");
            Console.Error.WriteLine(
                $"objex: dump {n} after {DumpStatus.Number(started, "after_s"):0.0} s (RSS {ByteSize.Format((long)rss)}): " +
                $"the program paused {DumpStatus.Number(started, "paused_s") * 1000:0.0} ms; writing {DumpStatus.Text(started, "path")}");
        }
    }
}
