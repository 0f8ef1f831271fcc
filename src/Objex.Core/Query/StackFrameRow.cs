namespace Objex.Query;

/// <summary>One frame of a stack, oldest first, traceback style.</summary>
/// <param name="Frame">The frame object.</param>
/// <param name="Trace">The collector's traceback text for the frame (<c>  File "x.py", line 3, in f\n    code\n</c>).</param>
/// <param name="IsCurrent">True for the frame the stack was asked for.</param>
public sealed record StackFrameRow(ObjectSummary Frame, string Trace, bool IsCurrent);
