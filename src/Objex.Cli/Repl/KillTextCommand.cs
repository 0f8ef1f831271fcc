using RadLine;

namespace Objex.Cli.Repl;

/// <summary>What a readline kill key removes.</summary>
internal enum KillRange
{
    /// <summary>Ctrl-U: from the start of the line to the cursor.</summary>
    ToStart,

    /// <summary>Ctrl-K: from the cursor to the end of the line.</summary>
    ToEnd,

    /// <summary>Ctrl-W: the word before the cursor, and the spaces between it and the cursor.</summary>
    PreviousWord,
}

/// <summary>The readline keys that delete a stretch of the line (RadLine has only Backspace and Delete).</summary>
internal sealed class KillTextCommand(KillRange range) : LineEditorCommand
{
    public override void Execute(LineEditorContext context)
    {
        var buffer = context.Buffer;
        var position = buffer.Position;
        var (start, end) = range switch
        {
            KillRange.ToStart => (0, position),
            KillRange.ToEnd => (position, buffer.Length),
            _ => (PreviousWordStart(buffer.Content, position), position),
        };

        if (end > start)
        {
            buffer.Clear(start, end - start);
            buffer.Move(start);
        }
    }

    /// <summary>As readline's unix-word-rubout: back over spaces, then back to the previous space.</summary>
    internal static int PreviousWordStart(string text, int position)
    {
        var start = position;
        while (start > 0 && char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        return start;
    }
}
