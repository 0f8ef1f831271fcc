using System.Diagnostics;
using System.Globalization;
using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM while make-analysis-db runs: the build stops cooperatively, the temporary file beside
/// the output is deleted, nothing is written, and the tool says so and exits 130 (issue 19).
/// </summary>
[Collection(DeepChainCollection.Name)]
public sealed class CancellationTests(DeepChainHeap heap)
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Should_delete_the_temporary_file_and_write_nothing_when_signalled(string signal)
    {
        using var scratch = Fixtures.Scratch();
        var output = scratch.File("deep.analysis.db");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "objex.dll"), "make-analysis-db", heap.DumpDb, output])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // The temporary file appears when the build has started (it is the dump's copy, then grows into the analysis).
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (scratch.Files().Length == 0 && !process.HasExited && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        Assert.StartsWith(".deep.analysis.db.objex-tmp-", Assert.Single(scratch.Files()));
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "make-analysis-db did not stop after the signal");
        process.WaitForExit();
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("objex: make-analysis-db cancelled; nothing was written\n", await stderr);
        Assert.Equal("", await stdout);
        Assert.Empty(scratch.Files());
    }
}
