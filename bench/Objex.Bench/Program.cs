namespace Objex.Bench;

internal static class Program
{
    internal static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "web-api")
        {
            return WebApiBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        Console.Error.WriteLine("usage: bench <benchmark>: web-api ANALYSIS.db");
        return 2;
    }
}
