namespace Objex.Cli.Repl;

/// <summary>
/// The persistent command history (~/.objex_history by default, OBJEX_HISTORY overrides): one command a line,
/// appended as commands run, the last <see cref="MaxLines"/> loaded at start.
/// </summary>
internal sealed class HistoryFile(string path)
{
    /// <summary>How many lines are loaded back; older ones stay in the file but are not offered.</summary>
    internal const int MaxLines = 1000;

    internal string Path => path;

    internal static HistoryFile Default()
    {
        var overridden = Environment.GetEnvironmentVariable("OBJEX_HISTORY");
        if (!string.IsNullOrEmpty(overridden))
        {
            return new HistoryFile(overridden);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new HistoryFile(System.IO.Path.Combine(home, ".objex_history"));
    }

    /// <summary>The most recent lines, oldest first; none when the file is missing or unreadable.</summary>
    internal IReadOnlyList<string> Load()
    {
        try
        {
            if (!File.Exists(path))
            {
                return [];
            }

            var lines = File.ReadAllLines(path);
            return lines.Length <= MaxLines ? lines : lines[^MaxLines..];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Appends one line; a history that cannot be written is not worth interrupting the session for.</summary>
    internal void Append(string line)
    {
        try
        {
            File.AppendAllText(path, line.ReplaceLineEndings(" ") + "\n");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
