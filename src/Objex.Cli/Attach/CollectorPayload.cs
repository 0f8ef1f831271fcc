using System.Reflection;

namespace Objex.Cli.Attach;

/// <summary>
/// The collector (python/objex, stdlib only) that this tool carries as embedded resources, written out as a
/// package into a private directory a target process can import from: `attach` and `capture` reach programs
/// that never installed objex, and the copy always matches the tool that reads its dumps.
/// </summary>
internal sealed class CollectorPayload : IDisposable
{
    private const string ResourcePrefix = "collector/";

    private CollectorPayload(string directory) => Directory = directory;

    /// <summary>The directory to put on the target's <c>sys.path</c> (it holds <c>objex/</c>).</summary>
    internal string Directory { get; }

    /// <summary>The package's own directory (<c>…/objex</c>).</summary>
    internal string PackageDirectory => Path.Combine(Directory, "objex");

    /// <summary>Writes the collector into a new directory under the temp folder, readable by any user (the target may run as another).</summary>
    internal static CollectorPayload Extract()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("objex-collector-").FullName;
        var package = System.IO.Directory.CreateDirectory(Path.Combine(directory, "objex")).FullName;
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var source = assembly.GetManifestResourceStream(name)!;
            using var target = File.Create(Path.Combine(package, name[ResourcePrefix.Length..]));
            source.CopyTo(target);
        }

        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, readable);
            File.SetUnixFileMode(package, readable);
        }

        return new CollectorPayload(directory);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A target still importing from it keeps nothing open; a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
