using Objex.Dump;
using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Analysis;

/// <summary>
/// The sources of the frame tree and children of the thread-stacks bucket: frames on thread
/// stacks (top frame and its f_back chain), then every other frame nothing holds strongly
/// (only the interpreter does). A frame held by a traceback, a generator or a variable is not
/// a source: it is reached through its holder.
/// </summary>
internal static class FrameSources
{
    internal static ObjId[] Find(DumpContents dump, StrongReverse reverse)
    {
        var seen = new HashSet<ObjId>(dump.StackFrames);
        var sources = new List<ObjId>(dump.StackFrames);
        var others = new List<ObjId>();
        foreach (var frame in dump.Frames)
        {
            if (reverse.InDegree(frame) == 0 && !seen.Contains(frame))
            {
                others.Add(frame);
            }
        }

        others.Sort();
        foreach (var frame in others)
        {
            if (seen.Add(frame))
            {
                sources.Add(frame);
            }
        }

        return [.. sources];
    }
}
