using System.CommandLine;

namespace Objex.Cli.Repl;

/// <summary>One invocation of a REPL command.</summary>
/// <param name="Parse">The parsed line (values of the command's arguments).</param>
/// <param name="Text">The text after the command word, verbatim.</param>
/// <param name="Context">The session: query layer, position, output.</param>
/// <param name="Cancellation">Cancelled by Ctrl-C.</param>
internal sealed record ReplCall(ParseResult Parse, string Text, ReplContext Context, CancellationToken Cancellation);
