using System.Globalization;

namespace Objex.Query;

/// <summary>Where tracemalloc saw an object allocated: the most recent frame of its traceback.</summary>
/// <param name="File">The frame's file name, as the code object has it.</param>
/// <param name="Line">The line.</param>
/// <param name="Function">The function whose lines include it, when the dump recorded its code object; else null.</param>
public sealed record AllocationSite(string File, long Line, string? Function)
{
    /// <summary><c>app/cache.py:88 in remember</c>.</summary>
    public override string ToString() =>
        File + ":" + Line.ToString(CultureInfo.InvariantCulture) + (Function is null ? "" : " in " + Function);
}
