namespace Objex.Query;

/// <summary>One asyncio Task as <c>tasks</c> shows it: its state and what it awaits, like a thread's stack.</summary>
/// <param name="Task">The Task object.</param>
/// <param name="Name">Its name (<c>Task-3</c>; 3.13 keeps a default name as a number), when recorded.</param>
/// <param name="State">
/// What the dump says of it: <c>running</c> (its coroutine has a frame on a thread's stack), <c>waiting on</c>
/// <see cref="Waiter"/>, <c>done</c> (it has a result or an exception), or <c>pending</c> (scheduled to run).
/// The Task's own state field is not recorded by the collector, so a cancelled Task reads as done or pending.
/// </param>
/// <param name="Waiter">The future it waits on (<c>._fut_waiter</c>), or null.</param>
/// <param name="Awaiting">Its coroutine, then what that awaits (<c>cr_await</c>, <c>gi_yieldfrom</c>), outermost first.</param>
public sealed record AsyncTask(ObjectSummary Task, string? Name, string State, ObjectSummary? Waiter, IReadOnlyList<AwaitStep> Awaiting);
