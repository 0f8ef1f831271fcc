namespace Objex.Query;

/// <summary>
/// A reference path from a root (a module, a frame, or any chosen start object) down to an object,
/// rendered like <c>&lt;module lithoxyl.context#10871&gt;.LITHOXYL_CONTEXT.loggers[0].action</c>.
/// </summary>
/// <param name="Root">The object the path starts from.</param>
/// <param name="Suffix">The edges after the root's label (<see cref="Text"/> is the root label followed by this).</param>
/// <param name="Steps">Every step, root first; empty when the root is the object itself.</param>
public sealed record RootPath(ObjectSummary Root, string Suffix, IReadOnlyList<PathStep> Steps)
{
    /// <summary>The whole path as one line: the root's label followed by every edge.</summary>
    public string Text => Root.Label + Suffix;
}
