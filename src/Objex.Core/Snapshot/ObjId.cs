namespace Objex.Snapshot;

/// <summary>
/// A dense object id: the dump's `object.id`, 0..N-1. Negative values are not objects:
/// <see cref="None"/>, and the five virtual nodes of the dominator tree.
/// </summary>
public enum ObjId
{
    /// <summary>No object (an unreachable object's BFS parent, a missing lookup).</summary>
    None = -1,

    /// <summary>The dominator tree's root; its children are the four buckets below.</summary>
    SuperRoot = -2,

    /// <summary>Dominator-tree bucket whose children are every module object.</summary>
    ModulesRoot = -3,

    /// <summary>Dominator-tree bucket whose children are the frames on thread stacks and other live frames.</summary>
    ThreadStacksRoot = -4,

    /// <summary>
    /// Dominator-tree bucket for garbage: what neither a root nor an object held from C reaches (reference cycles
    /// waiting for the collector, and what only they hold).
    /// </summary>
    UnreachableRoot = -5,

    /// <summary>
    /// Dominator-tree bucket for memory held from C: its children are the objects no module or stack reaches whose
    /// refcount counts references the dump could not see (an `atexit` callback list, a C extension's state, a
    /// running frame's value stack).
    /// </summary>
    HeldFromCRoot = -6,
}

/// <summary>A graph edge: a forward-CSR slot 0..E-1 (see docs/analysis-format.md).</summary>
public enum EdgeId
{
    /// <summary>No edge (the BFS parent edge of a root or of an unreachable object).</summary>
    None = -1,
}

/// <summary>What a reference does for reachability (`reference.kind`).</summary>
public enum EdgeKind : byte
{
    /// <summary>Keeps its target alive and may be on a root path.</summary>
    Strong = 0,

    /// <summary>A weak reference: never keeps its target alive, never on a root path.</summary>
    Weak = 1,

    /// <summary>A namespace reference (a frame's `.f_globals` / `.f_builtins`, a function's `.__globals__` / `.__builtins__`): never on a root path, keeps its target alive only when no strong edge does.</summary>
    Namespace = 2,
}

/// <summary>What kind of Python object an object is, as far as the explorer's labels care.</summary>
public enum ObjKind : byte
{
    /// <summary>Any object that is none of the kinds below.</summary>
    Other = 0,

    /// <summary>A type object (a row of `pytype`).</summary>
    Type = 1,

    /// <summary>A module object (a row of `module`).</summary>
    Module = 2,

    /// <summary>A frame object (a row of `pyframe`).</summary>
    Frame = 3,

    /// <summary>A Python function (a row of `function`).</summary>
    Function = 4,

    /// <summary>A code object (a row of `pycode`).</summary>
    Code = 5,
}
