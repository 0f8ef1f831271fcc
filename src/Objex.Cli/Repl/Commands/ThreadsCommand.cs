using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>threads</c>: every thread alive at dump time, with its stack.</summary>
internal sealed class ThreadsCommand(ReplContext context) : IReplCommand
{
    public string Name => "threads";

    public string Summary => "Show every thread alive at dump time and its stack";

    public string Help => """
        threads
          Each thread the dump recorded (ident, name, main or not) and its stack, oldest frame first,
          traceback style. Type a listed number to go to that frame.
        """;

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        var threads = context.Session.Threads();
        context.State.ClearOptions();
        context.Output.Line($"{threads.Count} threads:");
        foreach (var thread in threads)
        {
            var name = thread.Name is null ? "" : $" \"{thread.Name}\"";
            var main = thread.IsMain == true ? " (main)" : "";
            context.Output.Line();
            context.Output.Line($"Thread {thread.ThreadId}{name}{main}, {thread.Frames.Count} frames:");
            StackCommand.PrintFrames(context, thread.Frames);
        }

        context.Output.Line();
        return Task.CompletedTask;
    }
}
