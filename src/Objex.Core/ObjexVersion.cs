namespace Objex;

/// <summary>Versions of the file formats this build reads and writes.</summary>
public static class ObjexVersion
{
    /// <summary>The dump format written by python/objex (meta.format_version).</summary>
    public const int DumpFormat = 1;

    /// <summary>The analysis database format written by make-analysis-db (meta.analysis_format_version).</summary>
    public const int AnalysisFormat = 2;
}
