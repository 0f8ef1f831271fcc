using System.Text;
using System.Text.RegularExpressions;

namespace Objex.Cli.Tests.Support;

/// <summary>
/// Compares output with an expected-output file in tests/Objex.Cli.Tests/Expected/ (Verify is not available).
/// Output is normalised first so that what varies from run to run does not matter: object ids (<c>#123</c>
/// → <c>#N</c>), refcounts, thread idents, builtin types' instance counts, and the machine's paths; the test
/// may add its own masks.
/// With OBJEX_UPDATE_EXPECTED=1 the file is (re)written instead, to be reviewed in the diff.
/// </summary>
internal static partial class ExpectedOutput
{
    internal static void Matches(string name, string actual, string? tempDir = null, params (string Pattern, string Replacement)[] masks)
    {
        var normalised = Normalise(actual, tempDir, masks);
        var path = Path.Combine(RepoPaths.ExpectedDir, name + ".txt");
        if (Environment.GetEnvironmentVariable("OBJEX_UPDATE_EXPECTED") == "1")
        {
            Directory.CreateDirectory(RepoPaths.ExpectedDir);
            File.WriteAllText(path, normalised);
            return;
        }

        Assert.True(File.Exists(path), $"no expected output {path}; run with OBJEX_UPDATE_EXPECTED=1 to create it. Actual:\n{normalised}");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != normalised)
        {
            Assert.Fail($"output differs from {path}:\n{Diff(expected, normalised)}\n--- actual (normalised) ---\n{normalised}");
        }
    }

    internal static string Normalise(string text, string? tempDir = null, params (string Pattern, string Replacement)[] masks)
    {
        text = text.ReplaceLineEndings("\n");
        if (tempDir is not null)
        {
            text = text.Replace(tempDir, "<tmp>", StringComparison.Ordinal);
        }

        text = text.Replace(RepoPaths.Root, "<repo>", StringComparison.Ordinal);
        text = PythonLib().Replace(text, "<python-lib>/");
        text = ObjectId().Replace(text, "#N");
        text = Refcount().Replace(text, "refcount=N");
        text = ThreadIdent().Replace(text, "Thread N");
        text = BuiltinTypeInstances().Replace(text, "${label}n)");
        text = IdRange().Replace(text, "ids are 0 to n");
        foreach (var (pattern, replacement) in masks)
        {
            text = Regex.Replace(text, pattern, replacement);
        }

        return text;
    }

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var builder = new StringBuilder();
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<missing>";
            var right = i < a.Length ? a[i] : "<missing>";
            if (left != right)
            {
                builder.Append("line ").Append(i + 1).Append(":\n  expected: ").Append(left).Append("\n  actual:   ").Append(right).Append('\n');
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"#\d+")]
    private static partial Regex ObjectId();

    [GeneratedRegex(@"refcount=\d+")]
    private static partial Regex Refcount();

    /// <summary>Instance counts of builtin types (<c>&lt;type object#N&gt; (instances=10)</c>) change whenever the collector's own code does.</summary>
    [GeneratedRegex(@"(?<label><type [A-Za-z_]+#N> \(instances=)[\d,]+\)")]
    private static partial Regex BuiltinTypeInstances();

    /// <summary>The heap's size varies by a few objects from run to run (thread start-up timing).</summary>
    [GeneratedRegex(@"ids are 0 to [\d,]+")]
    private static partial Regex IdRange();

    [GeneratedRegex(@"Thread \d+")]
    private static partial Regex ThreadIdent();

    [GeneratedRegex(@"/[^""\s]*/lib/python3\.\d+/")]
    private static partial Regex PythonLib();
}
