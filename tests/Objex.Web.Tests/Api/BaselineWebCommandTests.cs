using System.Text.Json;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>`objex web B --baseline A` as a user runs it: the real CLI process over two dumps of growing_sessions.py.</summary>
[Collection(BaselineCollection.Name)]
public sealed class BaselineWebCommandTests(BaselineServer server)
{
    [Fact]
    public async Task Should_serve_the_comparison_with_a_baseline_given_as_a_dump()
    {
        // A as dumped: its analysis beside it (a.analysis.db, newer than the dump) is reused.
        var dumpA = Path.Combine(Path.GetDirectoryName(server.AnalysisA)!, "a.db");
        using var process = ProcessRunner.Start("dotnet", Repo.CliDll, "web", server.AnalysisB, "--baseline", dumpA, "--port", "0");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync();
            var address = WebCommandTests.AddressPattern().Match(line ?? "");
            Assert.True(address.Success, $"no address in: {line}");
            using var http = new HttpClient();
            using var diff = JsonDocument.Parse(await http.GetStringAsync(new Uri(new Uri(address.Value), "api/diff?limit=1")));
            Assert.Equal("<module app>.SESSIONS[*]", diff.RootElement.GetProperty("growth")[0].GetProperty("entry").GetProperty("path").GetProperty("text").GetString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void Should_refuse_the_same_file_as_baseline_in_one_line_with_exit_code_2()
    {
        var result = ProcessRunner.Objex("web", server.AnalysisB, "--baseline", server.AnalysisB, "--port", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal($"objex web: {server.AnalysisB}: the same file as A: diff compares two dumps of one process",
            Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
