namespace Objex.Cli.Tests.Support;

/// <summary>
/// A real heap for the explorer tests: CPython 3.11.7 runs Targets/explorer_shapes.py, which dumps itself with
/// the collector (python/objex); the real CLI's make-analysis-db analyses the dump. Built once per test run.
/// Expected outputs depend on the interpreter's own objects, so the Python version is pinned
/// (OBJEX_TEST_PYTHON overrides the interpreter).
/// </summary>
public sealed class ShapesHeap() : TargetHeap("explorer_shapes.py", "shapes");

/// <summary>Targets/two_holders.py's heap: a type held by two holders, a container of alike children, a long chain.</summary>
public sealed class TwoHoldersHeap() : TargetHeap("two_holders.py");

/// <summary>Tests that share one <see cref="ShapesHeap"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ShapesCollection : ICollectionFixture<ShapesHeap>
{
    internal const string Name = "explorer shapes heap";
}

/// <summary>Tests that share one <see cref="TwoHoldersHeap"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TwoHoldersCollection : ICollectionFixture<TwoHoldersHeap>
{
    internal const string Name = "two holders heap";
}

/// <summary>Targets/deep_chain.py's heap: a linked list 600,000 nodes long (root paths and dominator chains as long).</summary>
public sealed class DeepChainHeap() : TargetHeap("deep_chain.py");

/// <summary>Tests that share one <see cref="DeepChainHeap"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DeepChainCollection : ICollectionFixture<DeepChainHeap>
{
    internal const string Name = "deep chain heap";
}
