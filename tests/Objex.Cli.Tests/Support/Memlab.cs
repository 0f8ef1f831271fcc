using System.Text.Json;

namespace Objex.Cli.Tests.Support;

/// <summary>
/// memlab (Meta's heap-snapshot analyser, npm's <c>@memlab/core</c>), the third-party reader the exported
/// <c>.heapsnapshot</c> files are checked with: installed on first use with <c>npm install --ignore-scripts</c>
/// into a cache folder (.ci/run installs it there beforehand), and run by <c>Export/memlab_retained.js</c>.
/// </summary>
internal static class Memlab
{
    internal const string Version = "2.0.5";

    private static readonly Lazy<string> s_nodeModules = new(Install);

    /// <summary>The cache folder: <c>$OBJEX_MEMLAB_DIR</c>, else <c>~/.cache/objex-tests/memlab-VERSION</c> (the one .ci/run fills).</summary>
    internal static string Folder =>
        Environment.GetEnvironmentVariable("OBJEX_MEMLAB_DIR") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "objex-tests", "memlab-" + Version);

    /// <summary>Why memlab cannot run here (no npm or node on PATH), or null.</summary>
    internal static string? Missing =>
        ExecutableOnPath("npm") && ExecutableOnPath("node") ? null : "npm and node are not on PATH: memlab (the third-party .heapsnapshot reader) cannot be installed";

    /// <summary>
    /// Lets memlab parse <paramref name="heapsnapshot"/> and compute its dominators; returns its retained size and
    /// dominator's id per node id (of <paramref name="ids"/>, or of every node when none are given), and its node
    /// and edge counts.
    /// </summary>
    internal static MemlabView Analyse(string heapsnapshot, params long[] ids)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "Objex.Cli.Tests", "Export", "memlab_retained.js");
        var run = Processes.Run("node", [script, heapsnapshot, .. ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))], environment: new Dictionary<string, string?> { ["NODE_PATH"] = s_nodeModules.Value });
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("memlab could not read the export:\n" + run);
        }

        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        var retained = new Dictionary<long, long>();
        foreach (var entry in root.GetProperty("retained").EnumerateObject())
        {
            retained[long.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture)] = (long)entry.Value.GetDouble();
        }

        var dominator = new Dictionary<long, long>();
        foreach (var entry in root.GetProperty("dominator").EnumerateObject())
        {
            dominator[long.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture)] = entry.Value.GetInt64();
        }

        return new MemlabView(root.GetProperty("nodes").GetInt64(), root.GetProperty("edges").GetInt64(), retained, dominator);
    }

    private static string Install()
    {
        var modules = Path.Combine(Folder, "node_modules");
        if (File.Exists(Path.Combine(modules, "@memlab", "core", "package.json")))
        {
            return modules;
        }

        Directory.CreateDirectory(Folder);
        var install = Processes.Run("npm", ["install", "--prefix", Folder, "--ignore-scripts", "--no-audit", "--no-fund", "@memlab/core@" + Version]);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm could not install @memlab/core@{Version} into {Folder}:\n{install}");
        }

        return modules;
    }

    private static bool ExecutableOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, name)));
}

/// <summary>What memlab computed from a snapshot file: counts, retained size and dominator per node id.</summary>
internal sealed record MemlabView(long Nodes, long Edges, IReadOnlyDictionary<long, long> Retained, IReadOnlyDictionary<long, long> Dominator);

/// <summary>A test that needs memlab: skipped, saying why, only when npm or node is absent.</summary>
public sealed class MemlabFactAttribute : FactAttribute
{
    public MemlabFactAttribute()
    {
        Skip = Memlab.Missing;
    }
}

/// <summary>A theory that needs memlab: skipped, saying why, only when npm or node is absent.</summary>
public sealed class MemlabTheoryAttribute : TheoryAttribute
{
    public MemlabTheoryAttribute()
    {
        Skip = Memlab.Missing;
    }
}
