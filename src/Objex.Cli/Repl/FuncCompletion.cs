using RadLine;

namespace Objex.Cli.Repl;

/// <summary>Adapts the REPL's completer (text before the word, the word) to RadLine's completion interface.</summary>
internal sealed class FuncCompletion(Func<string, string, IEnumerable<string>> complete) : ITextCompletion
{
    public IEnumerable<string>? GetCompletions(string prefix, string word, string suffix) => complete(prefix, word);
}
