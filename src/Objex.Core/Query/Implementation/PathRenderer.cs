using System.Globalization;
using System.Text;
using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// Turns reference paths (edge ids) into the steps and text the faces show. Only the references shown are
/// labelled (each label is an SQLite read), so a path's cost is bounded by <see cref="RootPath.MaxSteps"/>
/// whatever its length; the ids themselves come from an O(depth) walk of int arrays.
/// </summary>
internal sealed class PathRenderer(HeapSnapshot snapshot, EdgeText edgeText, AttributeView attributes, ClosureSteps closures)
{
    /// <summary>A path given whole: shown whole up to <see cref="RootPath.MaxSteps"/> references, else its two ends.</summary>
    internal RootPath Render(ObjectSummary root, IReadOnlyList<EdgeId> edges)
    {
        if (edges.Count <= RootPath.MaxSteps)
        {
            return Render(root, edges, [], 0);
        }

        var kept = RootPath.KeptSteps;
        var head = new EdgeId[kept];
        var tail = new EdgeId[kept];
        for (var i = 0; i < kept; i++)
        {
            head[i] = edges[i];
            tail[i] = edges[edges.Count - kept + i];
        }

        return Render(root, head, tail, edges.Count - (2 * kept));
    }

    /// <summary>
    /// The steps of <paramref name="head"/>, then (when <paramref name="skipped"/> &gt; 0) one elision step for the
    /// references left out, then the steps of <paramref name="tail"/>.
    /// </summary>
    internal RootPath Render(ObjectSummary root, IReadOnlyList<EdgeId> head, IReadOnlyList<EdgeId> tail, int skipped)
    {
        var steps = new List<PathStep>(head.Count + tail.Count + 1);
        var suffix = new StringBuilder();
        Append(head, steps, suffix);
        if (skipped > 0)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $" … {skipped:N0} steps … ");
            suffix.Append(text);
            steps.Add(new PathStep(snapshot.EdgeTarget(head[^1]), text.Trim(), snapshot.EdgeSource(tail[0]), skipped));
        }

        Append(tail, steps, suffix);
        return new RootPath(root, suffix.ToString(), steps) { Length = head.Count + skipped + tail.Count };
    }

    private void Append(IReadOnlyList<EdgeId> edges, List<PathStep> steps, StringBuilder suffix)
    {
        for (var i = 0; i < edges.Count; i++)
        {
            var edge = edges[i];
            var label = snapshot.EdgeLabel(edge);

            // `.__dict__` then `['name']` reads as the attribute `.name`.
            if (label == ".__dict__" && i + 1 < edges.Count && attributes.AttributeName(snapshot.EdgeLabel(edges[i + 1])) is { } name)
            {
                suffix.Append('.').Append(name);
                steps.Add(new PathStep(snapshot.EdgeSource(edge), "." + name, snapshot.EdgeTarget(edges[i + 1])));
                i++;
                continue;
            }

            // `.__closure__`, `[0]`, `.cell_contents` reads as the variable `.<closure payload>`;
            // `.locals['x']` then `.cell_contents` (a cell variable) as the local `.locals['x']`.
            var cellEnd = CellStepEnd(edges, i, label);
            if (cellEnd > i)
            {
                var cellText = cellEnd == i + 1 ? label : closures.Step(snapshot.EdgeSource(edge), snapshot.EdgeLabel(edges[i + 1]))!;
                suffix.Append(cellText);
                steps.Add(new PathStep(snapshot.EdgeSource(edge), cellText, snapshot.EdgeTarget(edges[cellEnd])));
                i = cellEnd;
                continue;
            }

            var text = edgeText.Render(label);
            suffix.Append(text);
            steps.Add(new PathStep(snapshot.EdgeSource(edge), text, snapshot.EdgeTarget(edge)));
        }
    }

    /// <summary>
    /// Where a variable held in a cell ends when the path reaches it at <paramref name="i"/> (whose label is
    /// <paramref name="label"/>): the index of the <c>.cell_contents</c> edge, or <paramref name="i"/> when the
    /// steps there are not a closure variable or a cell local (see <see cref="ClosureSteps"/>).
    /// </summary>
    private int CellStepEnd(IReadOnlyList<EdgeId> edges, int i, string label)
    {
        if (ClosureSteps.IsLocal(label))
        {
            return i + 1 < edges.Count && snapshot.EdgeLabel(edges[i + 1]) == ClosureSteps.CellContents ? i + 1 : i;
        }

        if (label == ClosureSteps.Closure && i + 2 < edges.Count && snapshot.EdgeLabel(edges[i + 2]) == ClosureSteps.CellContents
            && closures.Step(snapshot.EdgeSource(edges[i]), snapshot.EdgeLabel(edges[i + 1])) is not null)
        {
            return i + 2;
        }

        return i;
    }
}
