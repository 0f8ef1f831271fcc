namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>A fact that needs the original collector's fixture; skipped, saying so, when ../shared is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute()
    {
        if (Fixtures.OriginalDump is null)
        {
            Skip = Fixtures.MissingFixture;
        }
    }
}
