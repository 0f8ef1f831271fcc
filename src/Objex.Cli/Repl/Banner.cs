using Objex.Query;

namespace Objex.Cli.Repl;

/// <summary>The original objex's welcome lines, shown when a person (not a script) opens the explorer.</summary>
internal static class Banner
{
    internal static void Print(ReplOutput output, QuerySession session)
    {
        var info = session.Info;
        output.Line("WELCOME TO OBJEX EXPLORER");
        output.Line($"Now exploring \"{info.DumpName}\" collected from {info.Hostname} at {info.Timestamp}");
        output.Line(
            $"RSS memory was {info.MemoryMiB:0.00}MiB; {info.FoundMiB:0.0}MiB ({info.FoundPercent:0.0}%) found in {info.ObjectCount:N0} python objects");
        if (session.Rss() is { } rss)
        {
            output.Line(RssBreakdownText.OneLine(rss));
        }

        HeapTotalsText.Print(output, session.Totals());
        if (session.Baseline is { } diff)
        {
            output.Line($"baseline: {diff.A.Path} (dump {diff.A.DumpFile} at {diff.A.Timestamp}): {diff.NewInB.Count:N0} objects are new since it (\"diff\" lists what grew)");
        }

        output.Line("(Type \"help\" for options.)");
    }
}
