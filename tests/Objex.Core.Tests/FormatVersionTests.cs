namespace Objex.Core.Tests;

public sealed class FormatVersionTests
{
    [Fact]
    public void Should_know_its_format_versions() => Assert.True(ObjexVersion.DumpFormat >= 1 && ObjexVersion.AnalysisFormat >= 1);
}
