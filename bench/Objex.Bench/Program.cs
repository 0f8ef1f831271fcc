namespace Objex.Bench;

internal static class Program
{
    internal static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: bench <benchmark> (none yet)");
        return args.Length == 0 ? 2 : 0;
    }
}
