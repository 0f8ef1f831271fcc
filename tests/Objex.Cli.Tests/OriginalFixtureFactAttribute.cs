using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>A test on the original objex collector's dump (shared/fixtures), skipped with a message when shared/ is absent.</summary>
public sealed class OriginalFixtureFactAttribute : FactAttribute
{
    public OriginalFixtureFactAttribute()
    {
        if (!File.Exists(RepoPaths.OriginalFixture))
        {
            Skip = $"the original objex fixture is absent ({RepoPaths.OriginalFixture}): shared/ is not beside this clone";
        }
    }
}
