using Objex.Snapshot;

namespace Objex.Query;

/// <summary>
/// A small drawable part of the heap (<see cref="QuerySession.Neighbourhood"/>, <see cref="QuerySession.RootPathGraph"/>):
/// objects with their summaries and the references between them, labelled as the REPL labels them.
/// </summary>
/// <param name="Start">The object the graph was asked about.</param>
/// <param name="Nodes">Every object drawn, the start first.</param>
/// <param name="Edges">References between drawn objects (<see cref="PathStep.Edge"/> rendered like <c>out</c>'s rows).</param>
public sealed record ObjectGraph(ObjId Start, IReadOnlyList<ObjectGraphNode> Nodes, IReadOnlyList<PathStep> Edges);

/// <summary>One object of an <see cref="ObjectGraph"/>.</summary>
/// <param name="Object">Its summary (label, type, sizes).</param>
/// <param name="IsRoot">A module or a frame on a stack (where a path to the roots starts).</param>
/// <param name="NotDrawn">Its references (referents, or referrers for paths to the roots) left out of the graph.</param>
public sealed record ObjectGraphNode(ObjectSummary Object, bool IsRoot, int NotDrawn);
