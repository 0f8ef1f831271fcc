using System.CommandLine;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>stack</c>: the whole stack of the current frame, traceback style, the current frame marked.</summary>
internal sealed class StackCommand(ReplContext context) : IReplCommand
{
    public string Name => "stack";

    public string Summary => "Show the current frame's whole stack, traceback style (> marks the current frame)";

    public string Help => """
        stack
          For a frame: every frame of its stack, oldest first, as a traceback, each with its object id
          in parentheses; the current frame's line starts with '>'. Type a listed number to go there.
        """;

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        var frames = context.Session.StackOf(context.State.Current);
        context.State.ClearOptions();
        context.Output.Line("Traceback (oldest frame first):");
        PrintFrames(context, frames);
        context.Output.Line();
        return Task.CompletedTask;
    }

    /// <summary>One numbered option per frame, then its traceback text indented under it.</summary>
    internal static void PrintFrames(ReplContext context, IReadOnlyList<StackFrameRow> frames)
    {
        foreach (var frame in frames)
        {
            context.Option(frame.Frame.Id, " " + context.Output.Label(frame.Frame), frame.IsCurrent ? '>' : ' ');
            foreach (var line in frame.Trace.TrimEnd('\n').Split('\n'))
            {
                context.Output.Line("     " + line);
            }
        }
    }
}
