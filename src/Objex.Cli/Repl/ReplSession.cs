using System.Globalization;
using Objex.Query;

namespace Objex.Cli.Repl;

/// <summary>
/// The read-run loop: reads lines from the editor, turns a bare number into "go to that option", runs each
/// command with its own cancellation (Ctrl-C cancels the command, not the session; at the prompt it drops the
/// line being typed), and ends on <c>exit</c> or end of input.
/// </summary>
internal sealed class ReplSession(ReplContext context, ReplCommandTable table, ILineEditor editor)
{
    private CancellationTokenSource? _running;
    private CancellationTokenSource? _prompt;

    internal async Task RunAsync()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            while (!context.ExitRequested)
            {
                string? line;
                using (var prompt = new CancellationTokenSource())
                {
                    _prompt = editor.IsInteractive ? prompt : null;
                    line = await editor.ReadLineAsync(prompt.Token).ConfigureAwait(false);
                    _prompt = null;
                }

                if (line is null)
                {
                    if (editor.IsInteractive)
                    {
                        context.Output.Line();
                    }

                    return;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                editor.AddHistory(line.Trim());
                await RunLineAsync(line).ConfigureAwait(false);
                await context.Output.Out.FlushAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    /// <summary>Runs one line; every failure becomes one printed line and the session goes on.</summary>
    internal async Task RunLineAsync(string line)
    {
        using var running = new CancellationTokenSource();
        _running = running;
        try
        {
            var trimmed = line.Trim();
            if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                var target = context.State.Option(number);
                if (target is null)
                {
                    context.Output.Problem(
                        $"expected a valid command or options 1 - {context.State.OptionCount}, not {trimmed}, try again.");
                    return;
                }

                // "#id": a bare number after go would be read as a row of the listing again.
                trimmed = "go #" + ((int)target.Value).ToString(CultureInfo.InvariantCulture);
            }

            await table.ExecuteAsync(trimmed, context, running.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            context.Output.Problem("^C: command cancelled");
        }
        catch (QueryException e)
        {
            context.Output.Problem(e.Message);
        }
#pragma warning disable CA1031 // A bug in one command must not end a person's session or print a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Output.Problem($"internal error: {e.GetType().Name}: {ReplCommandTable.FirstLine(e.Message)}");
        }
        finally
        {
            _running = null;
        }
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // Ctrl-C belongs to the running command; at the prompt it drops the line being typed, as in a shell.
        e.Cancel = true;
        try
        {
            (_running ?? _prompt)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
