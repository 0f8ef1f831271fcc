using System.CommandLine;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary>
/// <c>in</c>: who refers to the current object, then (for a type) its bases, MRO, subtypes and instances,
/// then which modules and which frames transitively refer to it, each with its shortest path.
/// Output shape as the original objex's, numbers continuing across the sections.
/// </summary>
internal sealed class InCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<string?> _row = ReferencePager.FirstRowArgument();

    public string Name => "in";

    public string Summary => "Show what refers to the current object, and the module and frame paths that reach it";

    public string Help => """
        in [row]
          "N objects refer to <label>:" lists the first 20 referrers with the reference each uses
          ("… N more": type more for the next 20; "in 41" lists only the referrers, from row 41);
          for a type, also its base types, the rest of its MRO, its subtypes, its first 20 instances
          and where its instances are held: their root paths with indexes and keys merged
          ("3,000 of 3,500 store.Event via <module store>.ROOM_HISTORY[*][*]"), most instances first;
          then up to 20 modules and 20 frames that transitively refer to it, each with its shortest
          path of strong references (weak references and a frame's globals/builtins never count).
          Type a listed number to go there.
        """;

    public Command Build() => new(Name, Summary) { _row };

    public Task RunAsync(ReplCall call)
    {
        var session = context.Session;
        var output = context.Output;
        var id = context.State.Current;
        var me = session.Summarize(id);
        var label = output.Label(me);
        context.State.ClearOptions();

        var referrers = new ReferencePager(
            context,
            Name,
            (offset, limit) => session.Referrers(id, limit, offset),
            (page, range) => $"{page.Total:N0} objects refer to {label}{range}:",
            row => $" {output.Label(row.Other)}{row.Edge}{KindNote(row.Kind)}{ReplOutput.NewTag(row.Other)}");
        var laterPage = referrers.PrintPageFrom(call.Parse.GetValue(_row));
        if (!laterPage && me.UnseenReferences > 0)
        {
            var none = session.Referrers(id, 1, 0).Total == 0;
            output.Line($"  {(none ? "but" : "and")} {HeapTotalsText.Unseen(me.UnseenReferences)} (held from C)");
        }

        output.Line();
        if (laterPage)
        {
            return Task.CompletedTask;
        }

        if (session.TypeRelationsOf(id) is { } relations)
        {
            PrintTypeRelations(relations, label);
            GroupPrinter.PrintMergedPaths(context, id, label, call.Cancellation);
        }

        if (me.Kind != ObjectKind.Module)
        {
            output.Line();
            PrintRoots(session.ModulePaths(id, cancellationToken: call.Cancellation), "modules", $"no module reaches {label}{(session.Snapshot.ModuleTree.IsReachable(id) ? "" : UnreachedNote(me))}", label);
        }

        if (me.Kind != ObjectKind.Frame)
        {
            output.Line();
            PrintRoots(session.FramePaths(id, cancellationToken: call.Cancellation), "frames", $"no running frame reaches {label}", label);
        }

        output.Line();
        return Task.CompletedTask;
    }

    /// <summary>Why no module reaches it, when that is known: C holds it, or it is garbage.</summary>
    private string UnreachedNote(ObjectSummary me)
    {
        if (me.UnseenReferences > 0)
        {
            return $" (held from C: {HeapTotalsText.Unseen(me.UnseenReferences)})";
        }

        return context.Session.BucketOf(me.Id) switch
        {
            Snapshot.ObjId.HeldFromCRoot => " (held from C: objects with references the dump could not see keep it alive)",
            Snapshot.ObjId.UnreachableRoot => " (garbage: only unreachable reference cycles hold it)",
            _ => "",
        };
    }

    internal static string KindNote(ReferenceKind kind) => kind switch
    {
        ReferenceKind.Weak => " (weak)",
        _ => "",
    };

    private void PrintTypeRelations(TypeRelations relations, string label)
    {
        var output = context.Output;
        output.Line($"{relations.Bases.Count} base types of {label}:");
        PrintInfoOptions(relations.Bases);
        output.Line();

        if (relations.OtherMro.Count > 0)
        {
            output.Line($"{relations.OtherMro.Count} other types in MRO:");
            PrintInfoOptions(relations.OtherMro);
            output.Line();
        }

        output.Line($"{relations.Subtypes.Count} subtypes of {label}:");
        PrintInfoOptions(relations.Subtypes);
        output.Line();

        output.Line($"{relations.InstanceCount:N0} instances of {label}:");
        PrintInfoOptions(relations.Instances);
        MorePrinter.PrintMore(output, relations.InstanceCount, relations.Instances.Count);
    }

    private void PrintInfoOptions(IReadOnlyList<ObjectSummary> objects)
    {
        foreach (var summary in objects)
        {
            context.Option(summary.Id, $" {context.Output.Info(summary)}");
        }
    }

    private void PrintRoots(RootPathSet roots, string what, string noneReach, string label)
    {
        if (roots.Paths.Count == 0)
        {
            // Only when the precomputed tree says so: a reachable object always has its nearest root's path.
            context.Output.Line(noneReach);
        }
        else
        {
            context.Output.Line($"{roots.Paths.Count} {what} transitively refer to {label}:");
            foreach (var path in roots.Paths)
            {
                context.Option(path.Root.Id, context.Output.Path(path));
            }
        }

        if (!roots.Complete)
        {
            context.Output.Line($"  (search stopped after visiting {context.Session.RootSearchBudget:N0} objects: more {what} may refer to it)");
        }
    }
}
