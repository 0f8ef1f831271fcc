using Objex.Cli.Tests.Support;
using Objex.Query;

namespace Objex.Cli.Tests;

/// <summary>A normalised path from a frame keeps the frame's function and the local's name (Targets/explorer_shapes.py).</summary>
[Collection(ShapesCollection.Name)]
public sealed class NormalisedFramePathTests(ShapesHeap heap)
{
    [Fact]
    public void Should_keep_the_function_and_the_local_name_of_a_frame_path()
    {
        using var session = QuerySession.Open(heap.AnalysisDb);
        var marker = session.Resolve("shape_a.Marker", 0, new Random(1));
        var instance = session.InstancesByRetained(marker, 0, 1).Rows[0].Id;

        var path = session.NormalisedRootPath(instance);
        var merged = session.MergedRootPathsOfType(marker);

        Assert.Equal("<frame hold_local>.locals['local_marker']", path.Text);
        Assert.Equal(path, Assert.Single(merged.Groups).Path);
    }
}
