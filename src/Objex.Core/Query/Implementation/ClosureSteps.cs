using System.Globalization;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Names a closure's variable in a path as the code names it (issue 16). The dump records
/// <c>&lt;function on_finished&gt; ─.__closure__─▶ tuple ─0─▶ cell ─.cell_contents─▶ payload</c>; a person reads
/// <c>on_finished.&lt;closure payload&gt;</c>, one step named by the function's free variable at that index
/// (<see cref="HeapSnapshot.ClosureNames"/>). A frame's cell variable, <c>.locals['x']</c> then
/// <c>.cell_contents</c>, reads <c>.locals['x']</c>, as any other local. Without the names (an older dump) the
/// steps stay as recorded. Used by root paths (<see cref="QuerySession"/>) and normalised paths
/// (<see cref="RootPathNormaliser"/>) alike; <c>in</c> and <c>out</c> still show the cell itself, one reference each.
/// </summary>
internal sealed class ClosureSteps(HeapSnapshot snapshot)
{
    /// <summary>The label of a function's reference to its tuple of cells.</summary>
    internal const string Closure = ".__closure__";

    /// <summary>The label of a cell's reference to its value.</summary>
    internal const string CellContents = ".cell_contents";

    /// <summary>How a closure step starts: <c>.&lt;closure payload&gt;</c>.</summary>
    internal const string ClosurePrefix = ".<closure ";

    private readonly Dictionary<ObjId, string[]?> _names = [];

    /// <summary>A frame's (or, 3.11+, a generator's) local variable: <c>.locals['x']</c>.</summary>
    internal static bool IsLocal(string label) => label.StartsWith(".locals[", StringComparison.Ordinal);

    /// <summary><c>.&lt;closure name&gt;</c> for the cell at <paramref name="indexLabel"/> of the function's closure, or null.</summary>
    internal string? Step(ObjId function, string indexLabel)
    {
        if (!int.TryParse(indexLabel, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }

        if (!_names.TryGetValue(function, out var names))
        {
            names = snapshot.ClosureNames(function);
            _names[function] = names;
        }

        return names is not null && index < names.Length && names[index].Length > 0 ? ClosurePrefix + names[index] + ">" : null;
    }
}
