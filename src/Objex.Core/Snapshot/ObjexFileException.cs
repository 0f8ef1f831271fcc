namespace Objex.Snapshot;

/// <summary>
/// A file objex cannot use. <see cref="Exception.Message"/> is the one line a user sees, naming
/// the file and what is wrong with it (e.g. <c>x.db: not an SQLite database</c>); faces print
/// it on stderr and exit with code 2, never a stack trace.
/// </summary>
public class ObjexFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> with a one-line problem description.</summary>
    public ObjexFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that is wrong, as the user named it.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}

/// <summary>
/// A dump was opened where an analysis database was expected. The explorer should say
/// "this is a dump: run make-analysis-db first"; <see cref="Exception.Message"/> says exactly that.
/// </summary>
public sealed class DumpNotAnalyzedException : ObjexFileException
{
    /// <summary>Creates the exception for the dump at <paramref name="path"/>.</summary>
    public DumpNotAnalyzedException(string path)
        : base(path, $"this is a dump, not an analysis database: run `objex make-analysis-db {path} analysis.db` first, then open analysis.db")
    {
    }
}
