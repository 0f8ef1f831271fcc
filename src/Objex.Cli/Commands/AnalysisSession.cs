using Objex.Cli.Terminal;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>What a one-shot command over an analysis database does around its work: open it, say in one line why not, dispose it.</summary>
internal static class AnalysisSession
{
    /// <summary>Runs <paramref name="body"/> on a session over <paramref name="path"/>; its exit code, or <see cref="CliErrors.BadInput"/> when the file cannot be used.</summary>
    internal static int Run(string path, Func<QuerySession, int> body)
    {
        QuerySession session;
        try
        {
            session = QuerySession.Open(path);
        }
        catch (ObjexFileException error)
        {
            return CliErrors.Report(error);
        }

        using (session)
        {
            return body(session);
        }
    }
}
