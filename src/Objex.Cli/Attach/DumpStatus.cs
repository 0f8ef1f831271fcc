using System.Text.Json;

namespace Objex.Cli.Attach;

/// <summary>
/// The small JSON files the collector writes while a dump started from outside goes on (python/objex/_attach.py):
/// <c>PREFIX.started.json</c> from the target (its pause, or why it could not start), <c>PREFIX.dumper.json</c>
/// from the process that dumps (its pid) and <c>PREFIX.done.json</c> when the dump is written or failed.
/// </summary>
internal sealed class DumpStatus(string prefix)
{
    internal string Prefix => prefix;

    internal JsonElement? Started => Read("started");

    internal JsonElement? Done => Read("done");

    /// <summary>The pid of the process that writes the dump, once it has said so.</summary>
    internal int? DumperPid => Read("dumper") is { } d && d.TryGetProperty("pid", out var pid) ? pid.GetInt32() : null;

    /// <summary>
    /// Takes the one claim to this dump before the target does: true when the target has not started the collector
    /// (and now never will: its pending call may still run later, and finds the claim taken); false when the target
    /// claimed it first and is starting. The claim is a file created exclusively, so exactly one side wins.
    /// </summary>
    internal bool ClaimBeforeTarget()
    {
        try
        {
            using (new FileStream(prefix + ".claim", FileMode.CreateNew, FileAccess.Write))
            {
            }

            return true;
        }
        catch (IOException) when (File.Exists(prefix + ".claim"))
        {
            return false;
        }
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    internal static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private JsonElement? Read(string stage)
    {
        var path = $"{prefix}.{stage}.json";
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;   // not written yet (files are renamed into place whole)
        }
    }
}
