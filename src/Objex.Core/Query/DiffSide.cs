namespace Objex.Query;

/// <summary>One of the two analyses a <see cref="HeapDiff"/> compares, as its header shows it.</summary>
/// <param name="Path">The analysis database's path.</param>
/// <param name="DumpFile">The dump it was made from (file name).</param>
/// <param name="Timestamp">When the dump started (UTC, as recorded).</param>
/// <param name="Pid">The dumped process.</param>
/// <param name="RssBytes">The process's RSS before the dump, when recorded.</param>
/// <param name="Objects">Objects in the dump.</param>
/// <param name="ShallowBytes">Their shallow sizes summed.</param>
public sealed record DiffSide(string Path, string DumpFile, string Timestamp, long Pid, long? RssBytes, long Objects, long ShallowBytes);
