using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>
/// The explorer in a real pseudo-terminal (Targets/pty_session.py types the keys): banner, prompt, Tab completion,
/// colours, history kept across sessions, Ctrl-C dropping the typed line, Ctrl-D ending the session.
/// </summary>
[Collection(ShapesCollection.Name)]
public sealed class ExplorerTerminalTests(ShapesHeap heap)
{
    [Fact]
    public void Should_edit_complete_colour_and_remember_commands_in_a_terminal()
    {
        var history = Path.Combine(heap.Directory, "terminal-history");

        var first = Type(history, "go shape_a.RE", "\\t", "\\r", "i", "\\t", "\\r", "\\x04");

        Assert.Contains("WELCOME TO OBJEX EXPLORER\r\nNow exploring \"shapes.db\" collected from ", first);
        Assert.Matches(@"\r\nRSS \d+\.\d MiB = objects [^\r]+ \+ unknown [^\r]+\r\nheld from C: ", first);
        Assert.Contains("(Type \"help\" for options.)", first);
        Assert.Contains("objex> go shape_a.REGISTRY", first);
        Assert.Contains("Now at: \u001b[31m<dict#", first);
        Assert.Contains("objects refer to \u001b[31m<dict#", first);
        Assert.EndsWith("\nexit 0\n", first);
        Assert.Equal(["go shape_a.REGISTRY", "in"], File.ReadAllLines(history));

        // A new session offers the previous session's commands with Up.
        var second = Type(history, "\\x1b[A\\x1b[A", "\\r", "exit", "\\r");

        Assert.Contains("objex> go shape_a.REGISTRY", second);
        Assert.Contains("Now at: \u001b[31m<dict#", second);
        Assert.EndsWith("\nexit 0\n", second);
    }

    [Fact]
    public void Should_list_several_candidates_on_tab_and_cycle_through_them()
    {
        var history = Path.Combine(heap.Directory, "tab-history");

        // "go sha" has three candidates: Tab completes their common prefix and lists them, never taking one.
        // Tab again cycles: shape_a, then shape_b; Shift-Tab (ESC [ Z) steps back to shape_a; Enter goes there.
        var screen = Type(history, "go sha", "\\t", "\\t", "\\t", "\\x1b[Z", "\\r", "\\x04");

        // On a line of its own under the prompt (the terminal turns the "\r\n" written into "\r\r\n").
        Assert.Contains("\nshape_a  shape_b  shape_c\r", screen);
        Assert.Contains("objex> go shape_", screen);
        Assert.Contains("Now at: <module shape_a#", screen);
        Assert.Equal(["go shape_a"], File.ReadAllLines(history));
    }

    [Fact]
    public void Should_edit_with_the_readline_kill_and_move_keys()
    {
        var history = Path.Combine(heap.Directory, "keys-history");

        // Ctrl-U drops "bogus"; Ctrl-A then Ctrl-E return to the end ("b junk" is typed there); Ctrl-W drops the
        // last word ("junk"); Ctrl-A then Ctrl-K drop the whole line.
        var screen = Type(
            history,
            "bogus", "\\x15", "go shape_", "\\x01", "\\x05", "b junk", "\\x17", "\\r",
            "oops", "\\x01", "\\x0b", "list", "\\r", "\\x04");

        Assert.DoesNotContain("unknown command", screen);
        Assert.DoesNotContain("no object found", screen);
        Assert.Contains("Now at: <module shape_b#", screen);
        Assert.Equal(["go shape_b", "list"], File.ReadAllLines(history));
    }

    [Fact]
    public void Should_drop_the_typed_line_on_ctrl_c_at_the_prompt_and_still_exit_0()
    {
        var history = Path.Combine(heap.Directory, "ctrl-c-history");

        // Ctrl-C after "go shape_b" must drop it: else Enter would run "go shape_blist".
        var screen = Type(history, "go shape_b", "\\x03", "list", "\\r", "\\x04");

        Assert.DoesNotContain("shape_blist", screen);
        Assert.Contains("Now at: ", screen);
        Assert.DoesNotContain("Now at: <module shape_b", screen);
        Assert.EndsWith("\nexit 0\n", screen);
    }

    private string Type(string history, params string[] keys)
    {
        var result = Processes.Run(
            ShapesHeap.Python(),
            [Path.Combine(RepoPaths.TargetsDir, "pty_session.py"), history, .. keys, "--", "dotnet", RepoPaths.CliDll, heap.AnalysisDb]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }
}
