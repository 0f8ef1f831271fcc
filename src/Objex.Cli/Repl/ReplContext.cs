using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Repl;

/// <summary>Everything a REPL command works with.</summary>
internal sealed class ReplContext(QuerySession session, ReplState state, ReplOutput output, Random random)
{
    internal QuerySession Session => session;

    internal ReplState State => state;

    internal ReplOutput Output => output;

    /// <summary>Drives <c>go random</c>; seeded by OBJEX_SEED for reproducible scripts and tests.</summary>
    internal Random Random => random;

    /// <summary>The command table, for <c>help</c>.</summary>
    internal ReplCommandTable? Commands { get; set; }

    /// <summary>Set by <c>exit</c>: the session ends after the current command.</summary>
    internal bool ExitRequested { get; set; }

    /// <summary>Prints the numbered option line the original objex printed: <c>" %2d - %s"</c>, and remembers its target.</summary>
    internal void Option(ObjId target, string text, char marker = ' ') =>
        output.Line($"{marker}{state.AddOption(target),2} - {text}");
}
