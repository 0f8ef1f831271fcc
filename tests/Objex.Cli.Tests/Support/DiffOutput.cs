using System.Text.Json;

namespace Objex.Cli.Tests.Support;

/// <summary>Reading `objex diff`'s output: a section's numbered lines, a type's counts in the JSON.</summary>
internal static class DiffOutput
{
    /// <summary>The lines after the one starting with <paramref name="heading"/>, up to the next empty line.</summary>
    internal static List<string> Section(string stdout, string heading) =>
        stdout.Split('\n').SkipWhile(l => !l.StartsWith(heading, StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();

    /// <summary>A type's row of the JSON's <c>types</c>: counts in A and B, new, freed and surviving instances.</summary>
    internal static (long CountA, long CountB, long New, long Freed, long Surviving) Counts(JsonElement type) => (
        type.GetProperty("countA").GetInt64(), type.GetProperty("countB").GetInt64(), type.GetProperty("newObjects").GetInt64(),
        type.GetProperty("freedObjects").GetInt64(), type.GetProperty("surviving").GetInt64());
}
