namespace Objex.Cli.Repl;

/// <summary>
/// Where REPL lines come from. Kept this small so the terminal editor (RadLine today) can be swapped
/// without touching the REPL, and so piped input needs no terminal at all.
/// </summary>
internal interface ILineEditor : IDisposable
{
    /// <summary>True when a person is typing: the REPL then prints the banner and a prompt.</summary>
    bool IsInteractive { get; }

    /// <summary>
    /// Reads one line; null at end of input (Ctrl-D or the end of a pipe). An interactive editor whose
    /// <paramref name="cancellationToken"/> is cancelled (Ctrl-C at the prompt) drops what was typed and returns "".
    /// </summary>
    Task<string?> ReadLineAsync(CancellationToken cancellationToken);

    /// <summary>Remembers a line that was run (persistent history in a terminal; nothing when piped).</summary>
    void AddHistory(string line);
}
