using System.Globalization;
using System.Text;
using Objex.Query;

namespace Objex.Export;

/// <summary>
/// An <see cref="ObjectGraph"/> as a Graphviz <c>digraph</c>: each object a box labelled as the REPL labels it
/// (<c>&lt;dict#3437&gt;</c>) with its shallow and retained size, the object asked about filled, roots (modules,
/// frames on a stack) drawn bold; each reference an arrow labelled like <c>out</c>'s rows (<c>.REGISTRY</c>,
/// <c>[0]</c>, <c>['os']</c>); what was left out a dashed note (<c>… 14,980 more</c>).
/// </summary>
public static class DotGraph
{
    /// <summary>The graph's text.</summary>
    public static string Format(ObjectGraph graph, string title)
    {
        var dot = new StringBuilder();
        dot.Append("digraph objex {\n");
        dot.Append("  graph [rankdir=LR, label=").Append(Quote(title)).Append(", labelloc=t];\n");
        dot.Append("  node [shape=box, fontname=\"monospace\", fontsize=10];\n");
        dot.Append("  edge [fontname=\"monospace\", fontsize=9];\n");
        foreach (var node in graph.Nodes)
        {
            var summary = node.Object;
            var id = NodeId((int)summary.Id);
            var retains = summary.Retained is { } retained ? ", retains " + ByteSize.Format(retained) : "";
            var label = $"{summary.Label}\n{summary.TypeName}: {ByteSize.Format(summary.Size)}{retains}";
            dot.Append("  ").Append(id).Append(" [label=").Append(Quote(label));
            if (summary.Id == graph.Start)
            {
                dot.Append(", style=filled, fillcolor=\"#ffe08a\"");
            }

            if (node.IsRoot)
            {
                dot.Append(", penwidth=2");
            }

            dot.Append("];\n");
            if (node.NotDrawn > 0)
            {
                dot.Append("  ").Append(id).Append("_more [shape=note, style=dashed, label=")
                    .Append(Quote(string.Create(CultureInfo.InvariantCulture, $"… {node.NotDrawn:N0} more"))).Append("];\n");
                dot.Append("  ").Append(id).Append(" -> ").Append(id).Append("_more [style=dashed];\n");
            }
        }

        foreach (var edge in graph.Edges)
        {
            dot.Append("  ").Append(NodeId((int)edge.From)).Append(" -> ").Append(NodeId((int)edge.To))
                .Append(" [label=").Append(Quote(edge.Edge)).Append("];\n");
        }

        dot.Append("}\n");
        return dot.ToString();
    }

    private static string NodeId(int id) => "o" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A DOT double-quoted string: backslashes and quotes escaped, line breaks as <c>\n</c> (centred lines).</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
