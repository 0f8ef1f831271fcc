namespace Objex.Bench;

internal static class Program
{
    internal static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "explorer")
        {
            return ExplorerBenchmark.Run(args[1..]);
        }

        Console.Error.WriteLine("usage: bench explorer <analysis.db> [samples] [seed]");
        return 2;
    }
}
