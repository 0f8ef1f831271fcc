using System.Globalization;
using Objex.Query;

namespace Objex.Cli.Repl;

/// <summary>
/// The lines that say how much memory no root reaches, held from C and garbage, and warn when gc was off with
/// garbage piling up: one wording for the banner, <c>top retained</c> and <c>root_summary</c> (and for an
/// object's unseen references, in <c>in</c> and <c>retained</c>).
/// </summary>
internal static class HeapTotalsText
{
    // A type is named after the first only when it holds at least this share of the bucket's bytes.
    private const double NamedTypeShare = 0.05;

    internal static void Print(ReplOutput output, HeapTotals totals)
    {
        output.Line($"held from C: {Amount(totals.HeldFromC)}{Mostly(totals.HeldFromC)}");
        output.Line($"garbage (unreachable cycles): {Amount(totals.Garbage)}{Mostly(totals.Garbage)}");
        if (totals.GcDisabledWithGarbage)
        {
            output.Line($"warning: gc was disabled in the program (gc.isenabled() was False, thresholds {totals.GcThresholds ?? "?"}, counts {totals.GcCounts ?? "?"}): {ByteSize.Format(totals.Garbage.Bytes)} of garbage cycles were never collected");
        }
    }

    /// <summary>"1 reference the dump could not see": what an object's refcount counts beyond the referrers found.</summary>
    internal static string Unseen(int unseen) => $"{unseen:N0} {(unseen == 1 ? "reference" : "references")} the dump could not see";

    private static string Amount(BucketTotals bucket) =>
        $"{bucket.Objects:N0} {(bucket.Objects == 1 ? "object" : "objects")}, {ByteSize.Format(bucket.Bytes)}";

    /// <summary>", mostly bytearray (98.9%), Session (1.1%)": the types that hold most of the bucket's bytes.</summary>
    private static string Mostly(BucketTotals bucket)
    {
        if (bucket.Bytes <= 0 || bucket.Types.Count == 0)
        {
            return "";
        }

        var named = new List<string>();
        foreach (var type in bucket.Types)
        {
            var share = (double)type.Bytes / bucket.Bytes;
            if (named.Count > 0 && share < NamedTypeShare)
            {
                break;
            }

            named.Add(string.Create(CultureInfo.InvariantCulture, $"{type.TypeName} ({share * 100:0.0}%)"));
        }

        return ", mostly " + string.Join(", ", named);
    }
}
