using Objex.Query;

namespace Objex.Cli.Repl;

/// <summary>
/// Where command output goes, and how labels are coloured: types green and instances red as the original
/// objex did, nothing else coloured. Colour is off with NO_COLOR or when output is not a terminal.
/// </summary>
internal sealed class ReplOutput(TextWriter output, TextWriter error, bool color)
{
    private const string Green = "\u001b[32m";
    private const string Red = "\u001b[31m";
    private const string Reset = "\u001b[0m";

    internal TextWriter Out => output;

    internal TextWriter Error => error;

    internal bool Color => color;

    /// <summary>Colour is wanted when stdout is a terminal and NO_COLOR is unset (https://no-color.org).</summary>
    internal static bool ColorWanted() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    internal void Line(string text = "") => output.WriteLine(text);

    /// <summary>Commands that failed so far (a script's exit code says whether any did).</summary>
    internal int ProblemCount { get; private set; }

    /// <summary>A user mistake or an unanswerable question: one line, and the session goes on.</summary>
    internal void Problem(string message)
    {
        ProblemCount++;
        output.WriteLine(message);
    }

    /// <summary>The object's label, coloured by kind when colour is on.</summary>
    internal string Label(ObjectSummary summary) => Paint(summary.Label, summary.Kind);

    /// <summary>The original objex's info string: label then <c>(size=…, refcount=…, len=…)</c>, then <c>new</c> when new since the baseline.</summary>
    internal string Info(ObjectSummary summary) => $"{Label(summary)} {summary.InfoText}{NewTag(summary)}";

    /// <summary><c> new</c> after an object created since the session's baseline (<c>diff A</c>, <c>--baseline A</c>); nothing otherwise.</summary>
    internal static string NewTag(ObjectSummary summary) => summary.IsNew ? " new" : "";

    /// <summary>A root path with its root label coloured.</summary>
    internal string Path(RootPath path) => Label(path.Root) + path.Suffix;

    private string Paint(string text, ObjectKind kind)
    {
        if (!color)
        {
            return text;
        }

        return kind switch
        {
            ObjectKind.Type => Green + text + Reset,
            ObjectKind.Instance => Red + text + Reset,
            _ => text,
        };
    }
}
