using System.ComponentModel;
using System.Diagnostics;
using Objex.Export;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>What <c>objex export … OUT.dot</c> draws: the object (<c>--from</c>), how deep, or its paths to the roots, and whether to render SVG.</summary>
internal sealed record DotRequest(string From, int Depth, bool ToRoots, bool Svg);

/// <summary>
/// <c>objex export ANALYSIS OUT.dot --from ID [--depth N] [--to-roots] [--svg]</c>: one object's neighbourhood
/// (<see cref="QuerySession.Neighbourhood"/>) or its paths from the roots (<see cref="QuerySession.RootPathGraph"/>)
/// as Graphviz (<see cref="DotGraph"/>); <c>--svg</c> runs Graphviz's <c>dot</c> on it, and says how to install
/// Graphviz when <c>dot</c> is not there.
/// </summary>
internal static class DotExport
{
    /// <summary>Exit code when the .dot was written but no SVG could be made from it.</summary>
    private const int NoSvg = 1;

    internal static int Write(QuerySession session, string output, bool force, DotRequest request, CancellationToken cancel)
    {
        var from = session.Resolve(request.From, ObjId.None, new Random(0));
        var start = session.Summarize(from);
        var graph = request.ToRoots ? session.RootPathGraph(from, cancellationToken: cancel) : session.Neighbourhood(from, request.Depth);
        var title = request.ToRoots
            ? $"{start.Label}: shortest paths from modules and thread stacks"
            : $"{start.Label}: what it refers to, {request.Depth} reference{(request.Depth == 1 ? "" : "s")} deep";
        var text = DotGraph.Format(graph, title);
        ExportCommandHandler.WriteThrough(session.Snapshot, output, isFolder: false, force, temp => File.WriteAllText(temp, text));
        Console.Out.WriteLine($"wrote {output}: {graph.Nodes.Count:N0} objects, {graph.Edges.Count:N0} references");
        if (!request.Svg)
        {
            return 0;
        }

        var svg = Path.ChangeExtension(output, ".svg");
        try
        {
            // A failed render throws, so the temporary file is deleted, not renamed.
            ExportCommandHandler.WriteThrough(session.Snapshot, svg, isFolder: false, force, temp =>
            {
                if (Render(output, temp) is { } failure)
                {
                    throw new NoSvgException(failure);
                }
            });
        }
        catch (NoSvgException failure)
        {
            Console.Error.WriteLine($"objex: {svg}: not written: {failure.Message}");
            return NoSvg;
        }

        Console.Out.WriteLine($"wrote {svg}");
        return 0;
    }

    /// <summary>Runs <c>dot -Tsvg</c>; the reason when it cannot (not installed, or it failed), else null.</summary>
    private static string? Render(string dotFile, string svgFile)
    {
        var info = new ProcessStartInfo("dot") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-Tsvg", dotFile, "-o", svgFile })
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"dot failed ({errors.Trim().Split('\n')[0]})";
        }
        catch (Win32Exception)
        {
            return "Graphviz's dot is not installed (apt-get install graphviz, dnf install graphviz or brew install graphviz); " +
                   $"then: dot -Tsvg {dotFile} -o {Path.ChangeExtension(dotFile, ".svg")}";
        }
    }
}

/// <summary>dot could not render the SVG (the .dot file stays); the message says why and what to do.</summary>
internal sealed class NoSvgException(string message) : Exception(message);
