namespace Objex.Cli.Repl;

/// <summary>Feeds a fixed list of lines (the <c>-c "go 12; in"</c> mode), then reports end of input.</summary>
internal sealed class ScriptLineEditor(IReadOnlyList<string> lines) : ILineEditor
{
    private int _next;

    public bool IsInteractive => false;

    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_next < lines.Count ? lines[_next++] : null);

    public void AddHistory(string line)
    {
    }

    public void Dispose()
    {
    }
}
