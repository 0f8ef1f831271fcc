namespace Objex.Query;

/// <summary>The kinds of root that reach an object, as the dominator tree's buckets count them.</summary>
[Flags]
internal enum RootKinds
{
    None = 0,
    Modules = 1,
    ThreadStacks = 2,
    Unreachable = 4,
    HeldFromC = 8,
    All = Modules | ThreadStacks | Unreachable | HeldFromC,
}
