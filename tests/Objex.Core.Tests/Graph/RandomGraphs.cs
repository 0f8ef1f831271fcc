namespace Objex.Core.Tests.Graph;

/// <summary>Seeded random heap-like graphs: a few modules and frames, strong, weak and non-path edges, cycles, self-loops, islands, objects held from C.</summary>
internal static class RandomGraphs
{
    internal sealed record Case(int N, List<(int Src, int Dst, byte Kind)> Edges, int[] Modules, int[] Frames, long[] Sizes, int[] Unseen);

    internal static IEnumerable<Case> Many(int count, int seed)
    {
        var random = new Random(seed);
        for (var c = 0; c < count; c++)
        {
            var n = random.Next(1, 18);
            var edgeCount = random.Next(0, n * 3);
            var edges = new List<(int, int, byte)>();
            for (var e = 0; e < edgeCount; e++)
            {
                var roll = random.Next(10);
                var kind = (byte)(roll < 7 ? 0 : roll < 9 ? 1 : 2);
                edges.Add((random.Next(n), random.Next(n), kind));
            }

            var modules = Enumerable.Range(0, n).Where(_ => random.Next(5) == 0).ToArray();
            var frames = Enumerable.Range(0, n).Where(_ => random.Next(7) == 0).ToArray();
            var sizes = Enumerable.Range(0, n).Select(_ => (long)random.Next(1, 1000)).ToArray();
            var unseen = Enumerable.Range(0, n).Select(_ => random.Next(6) == 0 ? random.Next(1, 3) : 0).ToArray();
            yield return new Case(n, edges, modules, frames, sizes, unseen);
        }
    }
}
