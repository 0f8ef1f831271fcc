namespace Objex.Cli.Repl.Commands;

/// <summary>Says how many rows a capped listing left out, so a list of 20 never pretends to be all.</summary>
internal static class MorePrinter
{
    internal static void PrintMore(ReplOutput output, long total, int shown)
    {
        if (total > shown)
        {
            output.Line($"  … {total - shown:N0} more");
        }
    }
}
