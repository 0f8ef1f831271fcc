using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>The explorer on an analysis of a dump written by the original objex collector (no values, no kinds, no thread names).</summary>
public sealed class OriginalDumpExplorerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "objex-original-" + Guid.NewGuid().ToString("N")[..8]);

    [OriginalFixtureFact]
    public void Should_explore_an_analysis_of_the_original_collectors_dump()
    {
        Directory.CreateDirectory(_directory);
        var analysis = Path.Combine(_directory, "original.analysis.db");
        var made = Processes.Objex(["make-analysis-db", RepoPaths.OriginalFixture, analysis]);
        Assert.True(made.ExitCode == 0, made.ToString());

        var result = Processes.Objex([analysis, "-c", "go __main__.Order; in; go os.sep; in; threads"]);

        Assert.Equal(0, result.ExitCode);
        ExpectedOutput.Matches("original-dump", result.Stdout, _directory);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
