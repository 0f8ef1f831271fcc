namespace Objex.Cli.Repl;

/// <summary>Reads lines from a text reader with no editing, prompt or history: the piped, scriptable mode.</summary>
internal sealed class PlainLineEditor(TextReader input) : ILineEditor
{
    public bool IsInteractive => false;

    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);

    public void AddHistory(string line)
    {
    }

    public void Dispose()
    {
    }
}
