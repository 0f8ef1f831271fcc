using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// Mistakes on the command line itself, through the real CLI: one line on stderr naming the mistake and where
/// to look, nothing on stdout, exit code 2 (the code of every other bad input), never System.CommandLine's
/// type names or the whole help.
/// </summary>
public sealed class CommandLineUsageTests
{
    [Theory]
    [InlineData("web|c.db|--port|abc", "objex: --port: expected a port number from 0 to 65535, not 'abc' (see objex web --help)")]
    [InlineData("make-analysis|d.db|x.an", "objex: unknown command 'make-analysis' (did you mean make-analysis-db?), and no file of that name to explore (see objex --help)")]
    [InlineData("", "objex: expected a command or an analysis database (see objex --help)")]
    [InlineData("--bogus", "objex: unrecognized command or argument '--bogus' (see objex --help)")]
    [InlineData("make-analysis-db", "objex: required argument missing for command: 'make-analysis-db' (see objex make-analysis-db --help)")]
    [InlineData("explore|a.db|extra", "objex: unrecognized command or argument 'extra' (see objex explore --help)")]
    public void Should_print_one_line_on_stderr_and_exit_2_for_a_usage_mistake(string arguments, string expected)
    {
        var result = Processes.Objex(arguments.Split('|', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(expected + "\n", result.Stderr);
    }

    [Fact]
    public void Should_still_print_the_whole_help_when_asked()
    {
        var result = Processes.Objex(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("make-analysis-db", result.Stdout);
        Assert.Contains("explore", result.Stdout);
    }
}
