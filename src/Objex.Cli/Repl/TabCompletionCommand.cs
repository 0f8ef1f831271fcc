using RadLine;

namespace Objex.Cli.Repl;

/// <summary>
/// Tab (and Shift-Tab) as a shell does it, replacing RadLine's own completion, which silently took the first of
/// several candidates: one candidate completes the word; several complete their longest common prefix and are
/// listed under the prompt, and Tab pressed again (with nothing typed between) cycles through them, Shift-Tab
/// backwards, back to what was typed after the last one.
/// </summary>
internal sealed class TabCompletionCommand(ITextCompletion completion, TextWriter terminal, Func<int> width, bool backwards) : LineEditorCommand
{
    private const string StateKey = "objex.tab";

    // A listing longer than this says how many it left out: a screenful of names helps nobody pick one.
    private const int MaxListed = 60;

    public override void Execute(LineEditorContext context)
    {
        var buffer = context.Buffer;
        if (context.GetState<Cycle?>(StateKey, () => null) is { } cycle && cycle.Continues(buffer))
        {
            cycle.Index = Step(cycle.Index, cycle.Candidates.Length, backwards);
            Replace(buffer, cycle.Start, cycle.Index < 0 ? cycle.Typed : cycle.Candidates[cycle.Index]);
            cycle.Remember(buffer);
            return;
        }

        // The word is what precedes the cursor back to a space; text after the cursor stays.
        var position = buffer.Position;
        var start = position;
        while (start > 0 && !char.IsWhiteSpace(buffer.Content[start - 1]))
        {
            start--;
        }

        var word = buffer.Content[start..position];
        var candidates = (completion.GetCompletions(buffer.Content[..start], word, buffer.Content[position..]) ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (candidates.Length == 0)
        {
            return;
        }

        if (candidates.Length == 1)
        {
            Replace(buffer, start, candidates[0]);
            return;
        }

        var common = CommonPrefix(candidates);
        var typed = common.Length > word.Length && common.StartsWith(word, StringComparison.Ordinal) ? common : word;
        Replace(buffer, start, typed);
        List(candidates);
        var next = new Cycle(start, typed, candidates);
        next.Remember(buffer);
        context.SetState(StateKey, next);
    }

    /// <summary>The next index, wrapping through -1 (what was typed) between the last candidate and the first.</summary>
    internal static int Step(int index, int count, bool backwards)
    {
        var next = index + (backwards ? -1 : 1);
        return next >= count ? -1 : next < -1 ? count - 1 : next;
    }

    internal static string CommonPrefix(IReadOnlyList<string> words)
    {
        var length = words[0].Length;
        for (var i = 1; i < words.Count; i++)
        {
            length = Math.Min(length, words[0].AsSpan().CommonPrefixLength(words[i]));
        }

        return words[0][..length];
    }

    private static void Replace(LineBuffer buffer, int start, string text)
    {
        if (buffer.Position > start)
        {
            buffer.Clear(start, buffer.Position - start);
        }

        buffer.Move(start);
        buffer.Insert(text);
        buffer.Move(start + text.Length);
    }

    /// <summary>
    /// Prints the candidates in columns below the line being edited; RadLine then redraws the prompt and the line
    /// on the row after them (it redraws only the current row, so nothing above is overwritten).
    /// </summary>
    private void List(string[] candidates)
    {
        var shown = Math.Min(candidates.Length, MaxListed);
        var column = 2 + candidates.Take(shown).Max(candidate => candidate.Length);
        var perRow = Math.Max(1, (width() - 1) / column);
        var text = new System.Text.StringBuilder("\r\n");
        for (var i = 0; i < shown; i++)
        {
            text.Append(i % perRow == perRow - 1 || i == shown - 1 ? candidates[i] + "\r\n" : candidates[i].PadRight(column));
        }

        if (candidates.Length > shown)
        {
            text.Append($"… {candidates.Length - shown:N0} more (type more letters)\r\n");
        }

        terminal.Write(text.ToString());
        terminal.Flush();
    }

    /// <summary>A listing being cycled through, and the line as the last Tab left it (any other edit ends the cycle).</summary>
    private sealed class Cycle(int start, string typed, string[] candidates)
    {
        private string _content = "";
        private int _position;

        internal int Start => start;

        internal string Typed => typed;

        internal string[] Candidates => candidates;

        internal int Index { get; set; } = -1;

        internal bool Continues(LineBuffer buffer) => buffer.Position == _position && buffer.Content == _content;

        internal void Remember(LineBuffer buffer)
        {
            _content = buffer.Content;
            _position = buffer.Position;
        }
    }
}
