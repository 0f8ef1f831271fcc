using System.Text.RegularExpressions;
using Objex.Web.Tests.Infrastructure;

namespace Objex.Web.Tests.Api;

/// <summary>`objex web` as a user runs it: the real CLI process.</summary>
[Collection(LeakCollection.Name)]
public sealed partial class WebCommandTests(LeakServer server)
{
    [Fact]
    public async Task Should_serve_on_loopback_and_print_the_address()
    {
        using var process = ProcessRunner.Start("dotnet", Repo.CliDll, "web", server.AnalysisPath, "--port", "0");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync();
            var address = AddressPattern().Match(line ?? "");
            Assert.True(address.Success, $"no address in: {line}");
            Assert.StartsWith("http://127.0.0.1:", address.Value, StringComparison.Ordinal);
            using var http = new HttpClient();
            var summary = await http.GetStringAsync(new Uri(new Uri(address.Value), "api/summary"));
            Assert.Contains("\"file\":\"dump.db\"", summary, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Should_warn_that_memory_becomes_visible_when_listening_beyond_loopback()
    {
        using var process = ProcessRunner.Start("dotnet", Repo.CliDll, "web", server.AnalysisPath, "--host", "0.0.0.0", "--port", "0");
        try
        {
            var warning = await process.StandardError.ReadLineAsync();
            Assert.Contains("WARNING", warning, StringComparison.Ordinal);
            Assert.Contains("memory", warning, StringComparison.Ordinal);
            Assert.Contains("network", warning, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("no-such-file.db", "no-such-file.db")]
    [InlineData("LEAK --host not-an-address", "--host")]
    [InlineData("LEAK --host example.com", "--host must be an IP address or localhost, not 'example.com'")]
    [InlineData("LEAK --port 70000", "--port")]
    public void Should_refuse_bad_input_with_one_line_and_exit_code_2(string arguments, string named)
    {
        var args = arguments.Replace("LEAK", server.AnalysisPath, StringComparison.Ordinal).Split(' ');

        var result = ProcessRunner.Objex(["web", .. args]);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Should_tell_the_user_to_analyse_a_dump_first()
    {
        var dump = Path.Combine(Path.GetDirectoryName(server.AnalysisPath)!, "dump.db");

        var result = ProcessRunner.Objex("web", dump);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("make-analysis-db", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_requests_on_the_loopback_address_it_was_bound_to()
    {
        // --host 127.0.0.5 bound, then refused every request: its Host header was not one the guard knew.
        using var api = new ObjexApi(Objex.Query.QuerySession.Open(server.AnalysisPath), new Random(5));
        await using var bound = await ObjexWebServer.StartAsync(api, new WebServerOptions { Host = "127.0.0.5", Port = 0 });
        using var http = new HttpClient { BaseAddress = bound.Address };

        using var summary = await http.GetAsync(new Uri("api/summary", UriKind.Relative));
        var (status, _) = await RawHttp.GetAsync(bound.Address, "/api/summary", host: "attacker.example");

        Assert.StartsWith("http://127.0.0.5:", bound.Address.ToString(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, summary.StatusCode);
        Assert.Equal(400, status);
    }

    /// <summary>The address `objex web` prints on its first line.</summary>
    [GeneratedRegex(@"http://\S+/")]
    internal static partial Regex AddressPattern();
}
