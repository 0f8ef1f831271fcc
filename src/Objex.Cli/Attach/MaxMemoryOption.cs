using System.CommandLine;

namespace Objex.Cli.Attach;

/// <summary>
/// <c>--max-memory SIZE</c> of <c>attach</c> and <c>capture</c>: passed to the collector's <c>max_memory=</c>, which stops
/// a dump before the memory it adds (the forked child's and the writer's private memory) reaches SIZE, leaving nothing
/// at the path and the program untouched (python/objex/_budget.py).
/// </summary>
internal static class MaxMemoryOption
{
    internal static Option<string?> Create() => new("--max-memory")
    {
        Description = "Stop the dump, writing nothing, before the memory it adds reaches this size (800M, 2G): what a container near its limit can spare",
    };

    /// <summary>The limit in bytes, null when not given; a size that is not one, or is 0, is refused before anything touches the target.</summary>
    internal static long? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return SizeArgument.TryParse(text, out var bytes) && bytes > 0
            ? bytes
            : throw new AttachException($"--max-memory {text} is not a size above 0 (examples: 800M, 2G, 1500000000)");
    }
}
