using Objex.Snapshot;

namespace Objex.Cli.Terminal;

/// <summary>How every command reports a bad file: one line on stderr, exit code 2, never a stack trace.</summary>
internal static class CliErrors
{
    /// <summary>Exit code for bad input (missing, wrong or corrupt file, output in the way).</summary>
    internal const int BadInput = 2;

    /// <summary>Prints <c>objex: &lt;file&gt;: &lt;problem&gt;</c> and returns <see cref="BadInput"/>.</summary>
    internal static int Report(ObjexFileException error)
    {
        Console.Error.WriteLine($"objex: {error.Message}");
        return BadInput;
    }

    /// <summary>Prints <c>objex: warning: …</c>.</summary>
    internal static void Warn(string message) => Console.Error.WriteLine($"objex: warning: {message}");
}
