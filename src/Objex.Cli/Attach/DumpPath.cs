namespace Objex.Cli.Attach;

/// <summary>Where a dump started from outside the target will be written, checked before anything is stopped.</summary>
internal static class DumpPath
{
    /// <summary>The absolute path (the target's working directory is not ours); an <see cref="AttachException"/> when it is taken or cannot be made.</summary>
    internal static string Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new AttachException("the dump path is empty");
        }

        var full = Path.GetFullPath(path);
        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new AttachException($"{full} already exists; refusing to overwrite it");
        }

        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new AttachException($"cannot write {full}: directory {directory} does not exist");
        }

        return full;
    }

    /// <summary>
    /// Removes the half-written file a process that died mid-dump may leave beside <paramref name="dump"/>: the
    /// collector writes <c>.NAME.objex-tmp-PID</c> there (python/objex/_dumpfile.py) and renames it when complete.
    /// </summary>
    internal static void RemoveUnfinished(string dump, int pid)
    {
        try
        {
            File.Delete(Path.Combine(Path.GetDirectoryName(dump)!, $".{Path.GetFileName(dump)}.objex-tmp-{pid}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's file we may not remove: the collector's next dump to this path replaces it.
        }
    }

    /// <summary>The analysis database a user would make next from <paramref name="dump"/>.</summary>
    internal static string AnalysisFor(string dump) =>
        (dump.EndsWith(".db", StringComparison.Ordinal) ? dump[..^3] : dump) + ".analysis.db";
}
