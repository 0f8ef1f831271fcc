using System.CommandLine;
using Objex.Query;

namespace Objex.Cli.Repl.Commands;

/// <summary><c>find &lt;pattern&gt;</c>: types by name with instance counts, shallow and retained bytes.</summary>
internal sealed class FindCommand(ReplContext context) : IReplCommand
{
    private readonly Argument<string[]> _pattern = new("pattern") { Arity = ArgumentArity.OneOrMore, Description = "part of a type name; * and ? are wildcards" };

    private const string AllOption = "--all";

    public string Name => "find";

    public string Summary => "Find types by name, with instance counts, shallow and retained bytes";

    public string Help => """
        find [--all] <pattern>
          Types whose module-qualified name contains <pattern> (case-insensitive; * and ? wildcards),
          largest retained size first, with their instance count and the shallow and retained bytes of
          their instances; the first 50 are listed. Types with no instances are only counted, under the
          list; --all lists them too (last). Type a listed number to go to the type (then `in` lists
          instances).
        """;

    public bool TakesRawText => true;

    public Command Build() => new(Name, Summary) { _pattern };

    public Task RunAsync(ReplCall call)
    {
        var (word, rest) = ReplCommandTable.SplitFirstWord(call.Text);
        var all = word == AllOption;
        var pattern = all ? rest : call.Text;
        if (pattern.Length == 0)
        {
            throw new QueryException("find: expected a pattern");
        }

        var matches = context.Session.MatchTypes(pattern, withoutInstances: all, cancellationToken: call.Cancellation);
        var types = matches.Types;
        var output = context.Output;
        context.State.ClearOptions();
        output.Line($"{matches.Total:N0} types match '{pattern}'{(all ? "" : " and have instances")}:");
        var width = types.Count == 0 ? 0 : types.Max(stats => stats.Type.Label.Length);
        if (types.Count > 0)
        {
            output.Line($"      {"type".PadRight(width)}  {"instances",12}  {"shallow",14}  {"retained",14}");
        }

        foreach (var stats in types)
        {
            var padding = new string(' ', width - stats.Type.Label.Length);
            context.Option(stats.Type.Id,
                $" {output.Label(stats.Type)}{padding}  {stats.Instances,12:N0}  {stats.ShallowBytes,14:N0}  {stats.RetainedBytes,14:N0}");
        }

        MorePrinter.PrintMore(output, matches.Total, types.Count);
        if (matches.HiddenWithoutInstances > 0)
        {
            output.Line($"  ({matches.HiddenWithoutInstances:N0} more match with no instances: find {AllOption} {pattern} lists them)");
        }

        output.Line();
        return Task.CompletedTask;
    }
}
