using System.CommandLine;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>tasks</c>: every asyncio Task with its state and the chain of awaits it is suspended in.</summary>
internal sealed class TasksCommand(ReplContext context) : IReplCommand
{
    public string Name => "tasks";

    public string Summary => "Show every asyncio Task, its state and the coroutines it is suspended in";

    public string Help => """
        tasks
          Every asyncio Task at dump time: its name and state (running: its coroutine is on a thread's
          stack; waiting on the future it awaits; done: it has a result or exception; pending: scheduled),
          then, like a thread's stack, its coroutine and what that awaits (cr_await, gi_yieldfrom), each
          with its file, the line it is suspended at and its function. Type a listed number to go there.
        """;

    public Command Build() => new(Name, Summary);

    public Task RunAsync(ReplCall call)
    {
        var tasks = context.Session.AsyncTasks(call.Cancellation);
        var output = context.Output;
        context.State.ClearOptions();
        output.Line($"{tasks.Count} asyncio tasks:");
        foreach (var task in tasks)
        {
            output.Line();
            var name = task.Name is null ? "" : $" \"{task.Name}\"";
            var state = task.Waiter is { } waiter ? $"waiting on {output.Label(waiter)}" : task.State;
            context.Option(task.Task.Id, $" {output.Label(task.Task)}{name}: {state}");
            foreach (var step in task.Awaiting)
            {
                context.Option(step.Object.Id, $"   {output.Label(step.Object)}");
                if (step.Function is not null || step.File is not null)
                {
                    var line = (step.Line, step.FirstLine) switch
                    {
                        ({ } at, _) => $", line {at}",
                        (null, { } first and > 0) => $", line not recorded (def at line {first})",
                        _ => ", line not recorded",
                    };
                    output.Line($"       File \"{step.File ?? "?"}\"{line}, in {step.Function ?? "?"}");
                }
            }
        }

        output.Line();
        return Task.CompletedTask;
    }
}
