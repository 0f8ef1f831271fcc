using System.CommandLine;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>retained</c>: retained size, the dominator chain ("kept alive by"), and the largest objects kept alive.</summary>
internal sealed class RetainedCommand(ReplContext context) : IReplCommand
{
    public string Name => "retained";

    public string Summary => "Show the current object's retained size, what keeps it alive, and what it keeps alive";

    public string Help => """
        retained
          The bytes that would be freed if the current object went away (its retained size), the chain
          of objects that alone keep it alive (its dominators, nearest first, up to a root), and the
          largest objects that only it keeps alive, then those merged by type and path below it
          ("2,501 × store.Sample, 2.6 MiB via .items[*]") when some are alike. Type a listed number to go there.
        """;

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        var chain = context.Session.Retained(context.State.Current, cancellationToken: call.Cancellation);
        var output = context.Output;
        context.State.ClearOptions();
        var retained = chain.RetainedBytes;
        var amount = retained < 1024 ? $"{retained:N0} bytes (" : $"{ByteSize.Format(retained)} ({retained:N0} bytes; ";
        output.Line($"{output.Label(chain.Object)} retains {amount}shallow {chain.Object.Size:N0})");
        if (chain.Object.UnseenReferences > 0)
        {
            output.Line($"{HeapTotalsText.Unseen(chain.Object.UnseenReferences)} (held from C)");
        }
        output.Line();
        if (chain.ChainLength == 0)
        {
            output.Line($"kept alive by no single object: {chain.RootDescription}");
        }
        else
        {
            output.Line("kept alive by (nearest first):");
            // A long chain (a linked list's last node) shows its two ends around the count of the rest, as long paths do.
            foreach (var dominator in chain.KeptAliveBy.Concat(chain.Topmost))
            {
                if (chain.Topmost.Count > 0 && ReferenceEquals(dominator, chain.Topmost[0]))
                {
                    output.Line($"  … {chain.Skipped:N0} more …");
                }

                context.Option(dominator.Id, $" {output.Label(dominator)} (retains {ByteSize.Format(dominator.Retained ?? 0)})");
            }

            output.Line($"  then: {chain.RootDescription}");
        }
        output.Line();
        if (chain.KeptCount == 0)
        {
            output.Line("it alone keeps nothing else alive");
        }
        else
        {
            // The list is of the objects it keeps alive directly; most of a big subtree hangs below them.
            var total = context.Session.KeptAliveCount(context.State.Current, call.Cancellation);
            var directly = total == chain.KeptCount ? "" : $" ({chain.KeptCount:N0} directly)";
            output.Line($"largest of the {total:N0} objects it alone keeps alive{directly}:");
            foreach (var kept in chain.LargestKept)
            {
                context.Option(kept.Id, $" {output.Label(kept)} (retains {ByteSize.Format(kept.Retained ?? 0)})");
            }

            GroupPrinter.PrintKeptGroups(context, context.State.Current, chain.KeptCount, call.Cancellation);
        }

        output.Line();
        return Task.CompletedTask;
    }
}
