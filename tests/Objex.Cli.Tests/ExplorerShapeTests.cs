using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests;

/// <summary>The seed's transcript shapes, asserted line by line on a real heap (the expected files show them whole).</summary>
[Collection(ShapesCollection.Name)]
public sealed class ExplorerShapeTests(ShapesHeap heap)
{
    private string Run(string commands)
    {
        var result = Processes.Objex([heap.AnalysisDb, "-c", commands]);
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        return ExpectedOutput.Normalise(result.Stdout);
    }

    [Fact]
    public void Should_refuse_a_mark_name_longer_than_200_characters_or_shaped_like_an_id()
    {
        var result = Processes.Objex([heap.AnalysisDb, "-c", $"go 12; mark {new string('m', 201)}; mark #5; mark <x#5>"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mark: a mark name is at most 200 characters, not 201\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("mark: #5 cannot be a mark name", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("mark: <x#5> cannot be a mark name", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_go_to_a_label_pasted_back_or_a_hash_id()
    {
        var byId = Processes.Objex([heap.AnalysisDb, "-c", "go 12"]).Stdout;

        Assert.StartsWith("\nNow at: <", byId, StringComparison.Ordinal);
        Assert.Equal(byId, Processes.Objex([heap.AnalysisDb, "-c", "go #12"]).Stdout);
        var label = byId.Split("Now at: ")[1].Split(" (")[0];
        Assert.Equal(byId, Processes.Objex([heap.AnalysisDb, "-c", "go " + label]).Stdout);
        Assert.Contains("no object with id: 999999999 ", Processes.Objex([heap.AnalysisDb, "-c", "go <dict#999999999>"]).Stdout, StringComparison.Ordinal);
        Assert.Contains("no object with id: 99999999999999 ", Processes.Objex([heap.AnalysisDb, "-c", "go #99999999999999"]).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_show_a_module_path_for_each_of_three_modules_holding_a_function()
    {
        var output = Run("go shape_a.handler; in");

        Assert.Contains("\nNow at: <function handler#N> (size=", output);
        Assert.Contains("3 modules transitively refer to <function handler#N>:\n", output);
        Assert.Contains("  4 - <module shape_a#N>.handler\n", output);
        Assert.Contains("  5 - <module shape_b#N>.handler\n", output);
        Assert.Contains("  6 - <module shape_c#N>.handler\n", output);
    }

    [Fact]
    public void Should_show_a_frame_local_as_locals_of_its_frame()
    {
        var output = Run("go shape_a.Marker; in; 8; in");

        Assert.Contains("Now at: <shape_a.Marker#N> (size=", output);
        Assert.Contains("1 frames transitively refer to <shape_a.Marker#N>:\n  2 - <frame hold_local#N>.locals['local_marker']\n", output);
    }

    [Fact]
    public void Should_show_a_sleeping_threads_stack_under_threads()
    {
        var output = Run("threads");

        Assert.Contains("Thread N \"shape-sleeper\", ", output);
        Assert.Contains("in sleeper\n", output);
        Assert.Contains("in nap\n", output);
        Assert.Contains("_release.wait()", output);
    }

    [Fact]
    public void Should_render_scalar_dict_keys_and_values_in_labels_and_paths()
    {
        var output = Run("go shape_a.REGISTRY['alpha'].payload[1]; in");

        Assert.Contains("Now at: <str#N 'two'> (size=", output);
        Assert.Contains(" - <module shape_a#N>.REGISTRY['alpha'].payload[1]\n", output);
    }

    [Fact]
    public void Should_mark_weak_references()
    {
        Assert.Contains(" -  (): <shape_a.Leaf#N> (size=56, refcount=N) (weak)\n", Run("go shape_b.WEAK; out"));
    }

    [Fact]
    public void Should_count_all_an_object_alone_keeps_alive_not_only_what_it_keeps_alive_directly()
    {
        // CHAIN → Node → Node: the head keeps both alive, the second through the first.
        var output = Run("go shape_a.CHAIN; retained");

        Assert.Matches(@"largest of the 2 objects it alone keeps alive \(1 directly\):\n +\d+ -  <shape_a\.Node#N> \(retains 112 B\)\n", output);
    }

    [Fact]
    public void Should_count_every_matching_type_and_say_how_many_the_list_leaves_out()
    {
        var typeCount = int.Parse(Run("sql select count(*) as n from pytype").Split('\n')[2], System.Globalization.CultureInfo.InvariantCulture);

        var lines = Run("find --all *").Split('\n');

        Assert.True(typeCount > 50, $"the heap has only {typeCount} types");
        Assert.Equal($"{typeCount:N0} types match '*':", lines[0]);
        Assert.Equal(50, lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ *\d+ -  <type ")));
        Assert.Contains($"\n  … {typeCount - 50:N0} more\n", string.Join('\n', lines));
    }

    [Fact]
    public void Should_find_a_type_with_no_instances_only_when_asked()
    {
        var output = Run("find shape_a.base; find --all shape_a.base");

        Assert.Contains("0 types match 'shape_a.base' and have instances:\n  (1 more match with no instances: find --all shape_a.base lists them)\n", output);
        Assert.Contains("1 types match 'shape_a.base':\n", output);
        Assert.Matches(@"\n  1 -  <type shape_a\.Base#N> +0 +0 +0\n", output);
    }

    [Fact]
    public void Should_show_where_each_top_retained_object_is_held_and_list_a_module_once()
    {
        // shape_c ──.__dict__──▶ dict ──['BIG']──▶ 3 MB str: the dict retains what its module does.
        // (Without --nested, modules are not rows at all: top-size-retained.txt.)
        var output = Run("top 2 retained --nested");

        Assert.Contains(
            "top 2 objects by retained:\n"
            + "  1 -  <module shape_c#N> (3,000,393)\n"
            + "  2 -  <str#N 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…'> (3,000,049)\n"
            + "       <module shape_c#N>.BIG\n",
            output);
    }

    [Fact]
    public void Should_go_to_an_option_when_its_number_is_typed()
    {
        var output = Run("go shape_a.REGISTRY['alpha']; out; 1");

        Assert.EndsWith("\nNow at: <type shape_a.Leaf#N> (instances=1)\n", output);
    }

    [Fact]
    public void Should_keep_a_mark_across_sessions()
    {
        var copy = heap.CopyOfAnalysis();

        var first = Processes.Objex([copy, "-c", "go shape_a.CHAIN; mark chain_head"]);
        var second = Processes.Objex([copy, "-c", "go chain_head; in"]);

        Assert.Contains("marked <shape_a.Node#N {chain_head}>\n", ExpectedOutput.Normalise(first.Stdout));
        Assert.Contains("Now at: <shape_a.Node#N {chain_head}> (size=56, refcount=N)", ExpectedOutput.Normalise(second.Stdout));
        Assert.Contains("<module shape_a#N>.CHAIN\n", ExpectedOutput.Normalise(second.Stdout));
    }

    [Fact]
    public void Should_print_the_same_output_piped_as_with_dash_c()
    {
        const string commands = "go shape_a.handler\nin\nout\nbogus\nretained\n";

        var piped = Processes.Objex([heap.AnalysisDb], stdin: commands);
        var scripted = Processes.Objex([heap.AnalysisDb, "-c", commands.Replace('\n', ';')]);
        var explicitExplore = Processes.Objex(["explore", heap.AnalysisDb], stdin: commands);

        Assert.Equal(1, piped.ExitCode); // "bogus" failed
        Assert.Equal(1, scripted.ExitCode);
        Assert.DoesNotContain("WELCOME", piped.Stdout);
        Assert.DoesNotContain("objex>", piped.Stdout);
        Assert.Equal(scripted.Stdout, piped.Stdout);
        Assert.Equal(piped.Stdout, explicitExplore.Stdout);
        Assert.StartsWith("\nNow at: <function handler#", piped.Stdout);
    }

    [Theory]
    [InlineData("go 99999999; list", 1)]
    [InlineData("list; sql select nope from object", 1)]
    [InlineData("go shape_a; in; list", 0)]
    public void Should_exit_1_after_running_a_script_in_which_a_command_failed(string commands, int exitCode)
    {
        var scripted = Processes.Objex([heap.AnalysisDb, "-c", commands]);
        var piped = Processes.Objex([heap.AnalysisDb], stdin: commands.Replace(';', '\n'));

        Assert.Equal(exitCode, scripted.ExitCode);
        Assert.Equal(exitCode, piped.ExitCode);
        Assert.Contains("Now at: <", scripted.Stdout); // the commands after a failure still ran
    }

    [Fact]
    public void Should_print_no_colour_codes_when_output_is_not_a_terminal()
    {
        var result = Processes.Objex([heap.AnalysisDb, "-c", "go shape_a.Mid; in; out"]);

        Assert.DoesNotContain("\u001b[", result.Stdout);
    }

    [Fact]
    public void Should_repeat_go_random_with_the_same_seed()
    {
        var seed = new Dictionary<string, string?> { ["OBJEX_SEED"] = "7" };

        var first = Processes.Objex([heap.AnalysisDb, "-c", "go random; go random; in"], environment: seed);
        var second = Processes.Objex([heap.AnalysisDb, "-c", "go random; go random; in"], environment: seed);

        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("objects refer to", first.Stdout);
    }

    [Fact]
    public void Should_end_at_end_of_input_and_at_exit_without_running_later_commands()
    {
        var result = Processes.Objex([heap.AnalysisDb], stdin: "go shape_a\nexit\ngo shape_b\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<module shape_a#", result.Stdout);
        Assert.DoesNotContain("shape_b", result.Stdout);
    }
}
