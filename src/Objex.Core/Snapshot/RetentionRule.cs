using System.Runtime.CompilerServices;

namespace Objex.Snapshot;

/// <summary>
/// The one rule of which references keep their target alive and which are on a root path,
/// over <see cref="EdgeKind"/>; every algorithm (root-path BFS, dominators, the root-kinds
/// search) asks it rather than testing kind numbers. Strong references retain and are on
/// paths; weak references do neither; a namespace reference (a frame's or function's globals
/// and builtins) is never on a path and retains only a target no strong reference holds, so a
/// module's globals dict is kept by its module, not by every frame and function that runs in
/// it, while the globals of code whose module is gone are still kept by that code. Roots
/// themselves are retained by no edge; callers that know the roots apply that on top.
/// </summary>
public static class RetentionRule
{
    /// <summary>Whether a reference of <paramref name="kind"/> may be a step of a path from a root.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOnRootPath(EdgeKind kind) => kind == EdgeKind.Strong;

    /// <summary>Whether a reference of <paramref name="kind"/> holds its target strongly (which takes retention from namespace references).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HoldsStrongly(EdgeKind kind) => kind == EdgeKind.Strong;

    /// <summary>Whether a reference of <paramref name="kind"/> keeps its (non-root) target alive, given whether any strong reference holds that target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Retains(EdgeKind kind, bool targetHeldStrongly) =>
        kind == EdgeKind.Strong || (kind == EdgeKind.Namespace && !targetHeldStrongly);
}
