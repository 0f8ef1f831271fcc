using Objex.Snapshot;

namespace Objex.Query;

/// <summary>One step of a reference path: from object <paramref name="From"/> along the rendered edge.</summary>
/// <param name="From">The object the edge leaves.</param>
/// <param name="Edge">The edge rendered as in <see cref="ReferenceRow.Edge"/> (e.g. <c>.loggers</c>, <c>[0]</c>).</param>
/// <param name="To">The object the edge reaches.</param>
public readonly record struct PathStep(ObjId From, string Edge, ObjId To);
