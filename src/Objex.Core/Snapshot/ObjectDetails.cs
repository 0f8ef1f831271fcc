namespace Objex.Snapshot;

/// <summary>Per-object facts that are read from SQLite on demand (one indexed row lookup).</summary>
/// <param name="Len">`len()` for builtin containers, str and bytes; null otherwise.</param>
/// <param name="Refcount">Refcount minus the collector's own references.</param>
/// <param name="Address">`id()` in the dumped process; null for original dumps.</param>
/// <param name="Value">Short value of a scalar (str, bytes, numbers, bool, None); null otherwise or for original dumps.</param>
/// <param name="IsImmortal">True for immortal objects (3.12+, or refcount equal to the immortal refcount).</param>
public readonly record struct ObjectDetails(long? Len, long Refcount, long? Address, string? Value, bool IsImmortal);

/// <summary>Per-type totals (`type_stats`).</summary>
/// <param name="Type">The type object.</param>
/// <param name="Name">The type's name.</param>
/// <param name="InstanceCount">Objects of this type.</param>
/// <param name="ShallowBytes">Sum of their shallow sizes.</param>
/// <param name="RetainedBytes">Retained bytes of the instances not dominated by another instance of the same type.</param>
public readonly record struct TypeTotal(ObjId Type, string Name, long InstanceCount, long ShallowBytes, long RetainedBytes);

/// <summary>A module object and its name.</summary>
/// <param name="Object">The module object.</param>
/// <param name="Name">`__name__`.</param>
/// <param name="File">`__file__`, or `(none)`.</param>
public readonly record struct ModuleInfo(ObjId Object, string Name, string File);

/// <summary>A thread alive at dump time.</summary>
/// <param name="ThreadId">`threading` ident.</param>
/// <param name="Name">Thread name; null for original dumps.</param>
/// <param name="IsMain">True for the main thread (false when unknown).</param>
/// <param name="TopFrame">The frame on top of its stack.</param>
public readonly record struct ThreadInfo(long ThreadId, string? Name, bool IsMain, ObjId TopFrame);

/// <summary>A frame object's row in `pyframe`.</summary>
/// <param name="Frame">The frame object.</param>
/// <param name="Back">`f_back`, or <see cref="ObjId.None"/>.</param>
/// <param name="Code">The code object.</param>
/// <param name="CodeName">`co_name` of the code (e.g. `&lt;module&gt;`, `worker`).</param>
/// <param name="LineNumber">`f_lineno`.</param>
/// <param name="Trace">One traceback-style text (`  File "x.py", line 3, in f\n    code\n`).</param>
public readonly record struct FrameInfo(ObjId Frame, ObjId Back, ObjId Code, string CodeName, long LineNumber, string Trace);
