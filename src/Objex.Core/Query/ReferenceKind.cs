namespace Objex.Query;

/// <summary>The kind of a reference, as <c>reference.kind</c> stores it.</summary>
public enum ReferenceKind
{
    /// <summary>Keeps its target alive and may be part of a root path.</summary>
    Strong = 0,

    /// <summary>A weak reference: never keeps the target alive, never on a root path.</summary>
    Weak = 1,

    /// <summary>A namespace reference (a frame's <c>.f_globals</c> / <c>.f_builtins</c>, a function's <c>.__globals__</c> / <c>.__builtins__</c>): never part of a root path, keeps its target alive only when no strong reference does.</summary>
    NotOnRootPath = 2,
}
