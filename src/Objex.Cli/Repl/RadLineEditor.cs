using RadLine;
using Spectre.Console;

namespace Objex.Cli.Repl;

/// <summary>
/// The terminal line editor: RadLine (line editing, Up/Down history, Tab completion) with the history kept
/// in a file across sessions, and Ctrl-D on an empty line ending the session as in a shell.
/// </summary>
internal sealed class RadLineEditor : ILineEditor
{
    private readonly LineEditor _editor;
    private readonly HistoryFile _history;

    internal RadLineEditor(HistoryFile history, ITextCompletion completion)
    {
        _history = history;
        _editor = new LineEditor(AnsiConsole.Console, null, null)
        {
            MultiLine = false,
            // RadLine puts one space after the prompt itself: the original's prompt was "objex> ".
            Prompt = new LineEditorPrompt("objex>", "......"),
            Completion = completion,
        };
        _editor.KeyBindings.Add(ConsoleKey.D, ConsoleModifiers.Control, () => new EndOfInputCommand());

        // RadLine keeps Up/Down for moving between lines of a multi-line buffer; one line here, so they walk history.
        _editor.KeyBindings.Add(ConsoleKey.UpArrow, () => new PreviousHistoryCommand());
        _editor.KeyBindings.Add(ConsoleKey.DownArrow, () => new NextHistoryCommand());
        AddReadlineKeys(_editor.KeyBindings, completion);
        foreach (var line in history.Load())
        {
            _editor.History.Add(line);
        }
    }

    /// <summary>
    /// The keys a shell user's fingers expect (readline's emacs mode), where RadLine has none or another meaning;
    /// Tab lists several candidates instead of RadLine's silently taking the first.
    /// </summary>
    private static void AddReadlineKeys(KeyBindings keys, ITextCompletion completion)
    {
        static int Width() => Math.Max(20, AnsiConsole.Console.Profile.Width);
        keys.Add(ConsoleKey.Tab, () => new TabCompletionCommand(completion, Console.Out, Width, backwards: false));
        keys.Add(ConsoleKey.Tab, ConsoleModifiers.Shift, () => new TabCompletionCommand(completion, Console.Out, Width, backwards: true));
        keys.Add(ConsoleKey.U, ConsoleModifiers.Control, () => new KillTextCommand(KillRange.ToStart));
        keys.Add(ConsoleKey.K, ConsoleModifiers.Control, () => new KillTextCommand(KillRange.ToEnd));
        keys.Add(ConsoleKey.W, ConsoleModifiers.Control, () => new KillTextCommand(KillRange.PreviousWord));
        keys.Add(ConsoleKey.A, ConsoleModifiers.Control, () => new MoveHomeCommand());
        keys.Add(ConsoleKey.E, ConsoleModifiers.Control, () => new MoveEndCommand());
        keys.Add(ConsoleKey.B, ConsoleModifiers.Control, () => new MoveLeftCommand());
        keys.Add(ConsoleKey.F, ConsoleModifiers.Control, () => new MoveRightCommand());
        keys.Add(ConsoleKey.B, ConsoleModifiers.Alt, () => new PreviousWordCommand());
        keys.Add(ConsoleKey.F, ConsoleModifiers.Alt, () => new NextWordCommand());
        // .NET reads the byte 0x08 as Ctrl-H, not Backspace: terminals that send it for Backspace need this too.
        keys.Add(ConsoleKey.H, ConsoleModifiers.Control, () => new BackspaceCommand());
        keys.Add(ConsoleKey.P, ConsoleModifiers.Control, () => new PreviousHistoryCommand());
        keys.Add(ConsoleKey.N, ConsoleModifiers.Control, () => new NextHistoryCommand());
    }

    /// <summary>True when RadLine can drive this terminal (it needs an interactive ANSI console).</summary>
    internal static bool IsSupported() => LineEditor.IsSupported(AnsiConsole.Console);

    public bool IsInteractive => true;

    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            line = await _editor.ReadLine(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C while RadLine waited for a key: the typed text stays on screen, the next prompt goes below it.
            AnsiConsole.Console.WriteLine();
            return "";
        }

        // RadLine also returns null for a read cancelled between keys: here that is Ctrl-C, not end of input.
        if (cancellationToken.IsCancellationRequested)
        {
            return "";
        }

        return EndOfInputCommand.Consume() ? null : line;
    }

    public void AddHistory(string line)
    {
        _editor.History.Add(line);
        _history.Append(line);
    }

    public void Dispose()
    {
    }

    /// <summary>Ctrl-D: ends the session when the line is empty, else deletes the character under the cursor.</summary>
    private sealed class EndOfInputCommand : LineEditorCommand
    {
        // RadLine returns the buffer's text on submit whatever the reason; this flag tells the
        // editor that the submit meant end of input. Only one editor reads at a time.
        private static bool s_requested;

        internal static bool Consume()
        {
            var requested = s_requested;
            s_requested = false;
            return requested;
        }

        public override void Execute(LineEditorContext context)
        {
            if (context.Buffer.Length == 0)
            {
                s_requested = true;
                context.Submit(SubmitAction.Submit);
                return;
            }

            context.Execute(new DeleteCommand());
        }
    }
}
