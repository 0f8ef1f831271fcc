namespace Objex.Query;

/// <summary>One link of a Task's await chain: a coroutine (or generator), or the awaitable that ends the chain.</summary>
/// <param name="Object">The coroutine, generator or awaitable.</param>
/// <param name="Function">The code's name for a coroutine or generator, else null.</param>
/// <param name="File">The code's file name, when recorded.</param>
/// <param name="Line">
/// The line it is suspended at (or, running at dump time, executing): from its frame object when the dump has one,
/// else from the dump's <c>pygen</c> table; null when neither says (older dumps, a finished coroutine).
/// </param>
/// <param name="FirstLine">The code's first line (its <c>def</c>), when the dump records it.</param>
public sealed record AwaitStep(ObjectSummary Object, string? Function, string? File, long? Line, long? FirstLine);
