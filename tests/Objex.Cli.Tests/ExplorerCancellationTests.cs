using System.Diagnostics;
using System.Globalization;
using System.Text;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>Ctrl-C (SIGINT) cancels the running command, and the session goes on to the next one.</summary>
[Collection(ShapesCollection.Name)]
public sealed class ExplorerCancellationTests(ShapesHeap heap)
{
    [Fact]
    public async Task Should_cancel_a_running_command_on_sigint_and_keep_the_session()
    {
        using var process = Processes.StartObjex([heap.AnalysisDb]);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.Append(e.Data).Append('\n');
            }
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();

        process.StandardInput.WriteLine("go shape_a");
        process.StandardInput.Flush();
        WaitFor(output, "Now at: <module shape_a#", () => { });

        // A query that would run for hours: only the interrupt ends it. The interrupt is repeated until the
        // command says it was cancelled, since at the prompt an interrupt changes nothing.
        process.StandardInput.WriteLine("sql WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");
        process.StandardInput.Flush();
        WaitFor(output, "^C: command cancelled", () => Interrupt(process));

        process.StandardInput.WriteLine("go shape_b");
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the session did not end after its input ended");
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode); // piped commands are a script, and one of them did not finish
        Assert.Equal("", await stderr);
        Assert.Contains("\nNow at: <module shape_b#", output.ToString());
    }

    private static void WaitFor(StringBuilder output, string text, Action poke)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            lock (output)
            {
                if (output.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            poke();
            Thread.Sleep(500);
        }

        Assert.Fail($"never printed '{text}'; output so far:\n{output}");
    }

    private static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
