using Objex.Snapshot;

namespace Objex.Query;

/// <summary>One step of a reference path: from object <paramref name="From"/> along the rendered edge.</summary>
/// <param name="From">The object the edge leaves.</param>
/// <param name="Edge">The edge rendered as in <see cref="ReferenceRow.Edge"/> (e.g. <c>.loggers</c>, <c>[0]</c>); for an
/// elision step, <c>… 599,980 steps …</c>.</param>
/// <param name="To">The object the edge reaches (for an elision step: the object the path goes on from).</param>
/// <param name="Skipped">0 for a reference; for the elision step of a long path (<see cref="RootPath.KeptSteps"/>), how many
/// references it stands for.</param>
public readonly record struct PathStep(ObjId From, string Edge, ObjId To, int Skipped = 0);
