using System.CommandLine;
using System.Globalization;
using Objex.Cli.Terminal;
using Objex.Query;
using Objex.Snapshot;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>top [n] types|size|referenced|retained|sites</c>: the heap's biggest, as numbered options (sites: a table).</summary>
internal sealed class TopCommand(ReplContext context) : IReplCommand
{
    private const int DefaultCount = 20;
    private readonly Argument<string[]> _words = new("words") { Arity = new ArgumentArity(1, 2), Description = "[n] types|size|referenced|retained|sites" };
    private readonly Option<bool> _nested = new("--nested") { Description = "retained: also list objects a listed row keeps alive, and modules and frames" };

    public string Name => "top";

    public string Summary => "List the top n types by instances, objects by size, referrers or retained size, or allocation sites";

    public string Help => """
        top [n] types|size|referenced|retained|sites [--nested]
          types        types with the most instances
          size         the largest objects (shallow size)
          referenced   the objects with the most references to them
          retained     the objects that keep the most memory alive (retained size), each with its
                       shortest path from a module (else from a frame) under it. First the
                       totals no root reaches: held from C, and garbage. No row is kept alive by
                       a row above it, and modules and frames are not rows (they would lead
                       every list): their largest children are, under their module's path.
                       --nested lists every object by retained size, modules included (a
                       module's __dict__ is still left out: its module's row stands for it)
          sites        where the live objects were allocated, by their bytes (shallow sizes),
                       when the program traced with tracemalloc (tracemalloc.start())
          n defaults to 20. Type a listed number to go there.
        """;

    public Command Build()
    {
        _words.CompletionSources.Add(_ => ["types", "size", "referenced", "retained", "sites"]);
        return new Command(Name, Summary) { _words, _nested };
    }

    public Task RunAsync(ReplCall call)
    {
        var words = call.Parse.GetValue(_words)!;
        var count = DefaultCount;
        if (words.Length == 2 && (!int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            throw new QueryException($"top: expected a positive count, not {words[0]}");
        }

        if (words[^1] == "sites")
        {
            PrintSites(count, call.Cancellation);
            return Task.CompletedTask;
        }

        var (kind, name) = words[^1] switch
        {
            "types" => (TopKind.Types, "type"),
            "size" => (TopKind.Size, "size"),
            "referenced" => (TopKind.Referenced, "referenced"),
            "retained" => (TopKind.Retained, "retained"),
            var other => throw new QueryException($"unrecognized option: {other} (expected types, size, referenced, retained or sites)"),
        };

        var entries = kind == TopKind.Retained
            ? context.Session.TopRetained(count, call.Parse.GetValue(_nested), call.Cancellation)
            : context.Session.Top(kind, count, call.Cancellation);
        context.State.ClearOptions();
        if (kind == TopKind.Retained)
        {
            // What no root reaches is many small objects that no top list shows one by one: their totals come first.
            HeapTotalsText.Print(context.Output, context.Session.Totals(call.Cancellation));
            context.Output.Line();
        }

        context.Output.Line($"top {count} objects by {name}:");
        foreach (var entry in entries)
        {
            context.Option(entry.Object.Id, $" {context.Output.Label(entry.Object)} ({entry.Value:N0})");
            if (kind == TopKind.Retained)
            {
                PrintWhereHeld(entry.Object.Id);
            }
        }

        context.Output.Line();
        return Task.CompletedTask;
    }

    private void PrintSites(int count, CancellationToken cancellationToken)
    {
        var session = context.Session;
        if (!session.HasAllocationSites)
        {
            throw new QueryException("top sites: this heap has no allocation sites (the program did not trace with tracemalloc.start() before the objects were allocated)");
        }

        var sites = session.TopSites(count, cancellationToken);
        context.State.ClearOptions();
        context.Output.Line($"top {count} allocation sites by size:");
        foreach (var total in sites)
        {
            context.Output.Line("  " + SiteText.Row(total));
        }

        context.Output.Line();
    }

    /// <summary>The entry's shortest root path, indented under it (nothing for a module or frame: it is its own root).</summary>
    private void PrintWhereHeld(ObjId id)
    {
        var path = context.Session.NearestRootPath(id);
        if (path is null)
        {
            context.Output.Line(context.Session.BucketOf(id) == ObjId.UnreachableRoot
                ? "       (garbage: no module, running frame or reference from C reaches it)"
                : "       (held from C: no module or running frame reaches it)");
        }
        else if (path.Steps.Count > 0)
        {
            context.Output.Line("       " + context.Output.Path(path));
        }
    }
}
