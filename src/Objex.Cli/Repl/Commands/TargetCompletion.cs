using System.CommandLine.Completions;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Repl.Commands;

/// <summary>
/// Tab completion of what <c>go</c> (and list, path_to, path_from) accept: after a dot, the attributes of what
/// the text before it names (<c>.CH</c> → <c>.CHAIN</c>, <c>os.pa</c> → <c>os.path</c>); otherwise
/// <c>random</c>, the marks and the module names.
/// </summary>
internal static class TargetCompletion
{
    internal static IEnumerable<CompletionItem> Complete(ReplContext context, string word)
    {
        var lastDot = word.LastIndexOf('.');
        if (lastDot < 0)
        {
            string[] names = ["random", .. context.Session.MarkNames(), .. context.Session.Snapshot.Modules.Select(m => m.Name)];
            return names.Where(name => name.StartsWith(word, StringComparison.Ordinal)).Distinct().Select(name => new CompletionItem(name));
        }

        var head = word[..lastDot];
        ObjId from;
        try
        {
            from = head.Length == 0 ? context.State.Current : context.Session.Resolve(head, context.State.Current, context.Random);
        }
        catch (QueryException)
        {
            return [];
        }

        // Module names with dots (os.path, collections.abc) complete as names too.
        var modules = context.Session.Snapshot.Modules.Select(m => m.Name).Where(name => name.StartsWith(word, StringComparison.Ordinal));
        return context.Session.AttributeNames(from).Select(name => head + "." + name)
            .Concat(modules)
            .Where(name => name.StartsWith(word, StringComparison.Ordinal))
            .Distinct()
            .Select(name => new CompletionItem(name));
    }
}
