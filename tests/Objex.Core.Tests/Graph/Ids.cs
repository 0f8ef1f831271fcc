using Objex.Snapshot;

namespace Objex.Core.Tests.Graph;

/// <summary>The test cases' plain ints as the graph's typed ids.</summary>
internal static class Ids
{
    internal static ObjId[] Of(params int[] ids) => [.. ids.Select(id => (ObjId)id)];
}
