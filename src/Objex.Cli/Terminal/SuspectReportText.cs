using Objex.Query;

namespace Objex.Cli.Terminal;

/// <summary>
/// <c>objex suspects</c> and the REPL's <c>suspects</c> in words: one headline per suspect (<c>Suspect N: …</c>), its
/// details indented under it, then what no container holds (garbage, thread stacks). Labels and paths are drawn by the
/// caller, so the REPL can colour them.
/// </summary>
internal static class SuspectReportText
{
    /// <summary><c>Suspect 1: &lt;module app&gt;.REGISTRY (dict) holds 3,400 × app.Order (1.2 GiB, 61% of the heap)</c>.</summary>
    internal static string Headline(int number, Suspect suspect) => $"Suspect {number}: {suspect.Description}";

    /// <summary>The suspect's details, each line indented by four spaces.</summary>
    internal static IEnumerable<string> Details(Suspect suspect, Func<ObjectSummary, string> label, Func<RootPath, string> path)
    {
        var bucket = Suspect.BucketText(suspect.Bucket);
        if (suspect.Kind == SuspectKind.Group)
        {
            yield return $"    {suspect.Count:N0} objects retain {ByteSize.Format(suspect.RetainedBytes)} ({Suspect.ShareText(suspect.HeapShare)} of the heap), {bucket}";
            yield return $"    largest: {label(suspect.AccumulationPoint)}, retains {ByteSize.Format(suspect.AccumulationPoint.Retained ?? 0)}";
            yield return $"    held at: {(suspect.RootPath is { } where ? path(where) : suspect.Where.Text)}";
            foreach (var line in SiteText.AllocatedAt(suspect.AllocatedAt))
            {
                yield return "    " + line;
            }

            yield break;
        }

        yield return $"    retains {ByteSize.Format(suspect.RetainedBytes)} ({Suspect.ShareText(suspect.HeapShare)} of the heap), {bucket}";
        if (suspect.Holder.Id != suspect.AccumulationPoint.Id)
        {
            yield return $"    holder: {label(suspect.Holder)}";
        }

        yield return $"    accumulation point: {label(suspect.AccumulationPoint)}";
        yield return $"    root path: {(suspect.RootPath is { } root ? path(root) : suspect.Where.Text)}";
        if (suspect.Thread is { } thread)
        {
            var local = thread.Local is null ? "" : $", local '{thread.Local}'";
            yield return $"    thread: {thread.ThreadName}, frame {label(thread.Frame)}{local}";
        }

        if (suspect.Accumulated.Count > 0)
        {
            yield return "    accumulated objects:";
            foreach (var group in suspect.Accumulated)
            {
                var via = group.PathBelow is null ? "" : $" via {group.PathBelow}";
                yield return $"      {group.Count:N0} × {group.TypeName}, {ByteSize.Format(group.RetainedBytes)}{via}";
            }
        }

        foreach (var line in SiteText.AllocatedAt(suspect.AllocatedAt))
        {
            yield return "    " + line;
        }

        foreach (var sample in suspect.SamplePaths)
        {
            yield return $"    sample path: {path(sample)}";
        }
    }

    /// <summary>No suspect, when none; then the garbage and what only thread stacks keep alive.</summary>
    internal static IEnumerable<string> Footer(SuspectReport report)
    {
        if (report.Suspects.Count == 0)
        {
            var bytes = (long)Math.Ceiling(report.Threshold * report.HeapBytes);
            yield return $"No suspect: nothing retains {Suspect.ShareText(report.Threshold)} of the heap ({ByteSize.Format(bytes)} of {ByteSize.Format(report.HeapBytes)}) or more.";
        }

        var garbage = report.Garbage;
        if (garbage.Bytes > 0)
        {
            var types = string.Join(", ", garbage.Types.Select(t => $"{t.Objects:N0} × {t.TypeName}"));
            yield return $"Garbage (reference cycles waiting for the collector): {ByteSize.Format(garbage.Bytes)} ({Suspect.ShareText(Share(garbage.Bytes, report))} of the heap) in {garbage.Entries:N0} cycles, mostly {types}";
        }

        if (report.ThreadStacksBytes > 0)
        {
            yield return $"Kept alive only by thread stacks: {ByteSize.Format(report.ThreadStacksBytes)} ({Suspect.ShareText(Share(report.ThreadStacksBytes, report))} of the heap)";
        }
    }

    private static double Share(long bytes, SuspectReport report) => report.HeapBytes == 0 ? 0 : (double)bytes / report.HeapBytes;

    /// <summary>A label as text, for callers that print no colour.</summary>
    internal static string Plain(ObjectSummary summary) => summary.Label;

    /// <summary>A root path as text, for callers that print no colour.</summary>
    internal static string Plain(RootPath path) => path.Text;
}
