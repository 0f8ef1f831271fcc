namespace Objex.Query;

/// <summary>A thread alive at dump time and its stack, oldest frame first.</summary>
/// <param name="ThreadId">The <c>threading</c> ident.</param>
/// <param name="Name">The thread's name, when the collector recorded it.</param>
/// <param name="IsMain">True for the main thread, when known.</param>
/// <param name="Frames">Its frames, oldest first; empty when the collector saw none.</param>
public sealed record ThreadStack(long ThreadId, string? Name, bool? IsMain, IReadOnlyList<StackFrameRow> Frames);
