namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>A theory over real Python dumps; skipped, saying so, when the collector (python/objex) or its target programs are not in this checkout.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CollectorTheoryAttribute : TheoryAttribute
{
    public CollectorTheoryAttribute()
    {
        if (!File.Exists(Path.Combine(Fixtures.RepositoryRoot, "python", "objex", "__init__.py"))
            || !Directory.Exists(Path.Combine(Fixtures.RepositoryRoot, "tests", "targets")))
        {
            Skip = "the collector (python/objex) and tests/targets are not in this checkout";
        }
    }
}
