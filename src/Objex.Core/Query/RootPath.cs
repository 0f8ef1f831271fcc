namespace Objex.Query;

/// <summary>
/// A reference path from a root (a module, a frame, or any chosen start object) down to an object,
/// rendered like <c>&lt;module lithoxyl.context#10871&gt;.LITHOXYL_CONTEXT.loggers[0].action</c>.
/// A path longer than <see cref="MaxSteps"/> references keeps its first and last <see cref="KeptSteps"/> with one
/// elision step between them (<c>… 599,980 steps …</c>, <see cref="PathStep.Skipped"/>): a linked list 600,000 nodes
/// long has root paths as long, and rendering each reference reads its label from SQLite. The middle is read by page
/// (<see cref="QuerySession.NearestRootPathPage"/>).
/// </summary>
/// <param name="Root">The object the path starts from.</param>
/// <param name="Suffix">The edges after the root's label (<see cref="Text"/> is the root label followed by this).</param>
/// <param name="Steps">Every step shown, root first; empty when the root is the object itself.</param>
public sealed record RootPath(ObjectSummary Root, string Suffix, IReadOnlyList<PathStep> Steps)
{
    /// <summary>References a path shows whole; a longer one keeps its first and last <see cref="KeptSteps"/>.</summary>
    public const int MaxSteps = 2 * KeptSteps;

    /// <summary>References kept at each end of a path longer than <see cref="MaxSteps"/>.</summary>
    public const int KeptSteps = 12;

    /// <summary>How many references the whole path has (more than <see cref="Steps"/> shows when it is elided).</summary>
    public int Length { get; init; }

    /// <summary>For a page of a path: the index of its first reference in the whole path (0 otherwise).</summary>
    public int Offset { get; init; }

    /// <summary>The whole path as one line: the root's label followed by every edge.</summary>
    public string Text => Root.Label + Suffix;
}
